/** The PostgreSQL implementation of the idempotency store. */
package io.petty.domain.idempotency.internal;
