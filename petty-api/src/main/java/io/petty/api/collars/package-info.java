/** Pairing collars with pets. */
package io.petty.api.collars;
