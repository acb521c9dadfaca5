/** The shared rate buckets and login attempts, kept in PostgreSQL. */
package io.petty.domain.abuse.internal;
