/** Pets, their owners and the collars they wear. */
package io.petty.domain.pets;
