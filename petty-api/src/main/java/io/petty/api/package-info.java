/** Petty's HTTP face: the REST application and what every request passes through. */
package io.petty.api;
