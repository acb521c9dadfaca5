/** JDBC implementation of the collar repository: the collar rows and their pairing history. */
package io.petty.domain.collars.internal;
