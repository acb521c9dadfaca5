/** JDBC implementations of the pets repositories. */
package io.petty.domain.pets.internal;
