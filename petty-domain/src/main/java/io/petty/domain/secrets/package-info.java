/** The versioned, envelope-encrypted secret store in PostgreSQL: keys the server uses, never readable without the master key. */
package io.petty.domain.secrets;
