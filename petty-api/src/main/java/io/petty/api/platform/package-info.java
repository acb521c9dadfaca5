/** Bringing the database to the state the code expects at start, and keeping it there. */
package io.petty.api.platform;
