/** JDBC implementations of the identity repositories and the signing-key ring. */
package io.petty.domain.identity.internal;
