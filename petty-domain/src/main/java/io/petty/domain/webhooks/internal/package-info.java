/** Endpoints and the delivery outbox in plain JDBC: leases with SKIP LOCKED, which JPA cannot say. */
package io.petty.domain.webhooks.internal;
