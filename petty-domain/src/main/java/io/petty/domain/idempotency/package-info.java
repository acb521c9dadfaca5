/**
 * Idempotency keys: the first answer to a request sent with an {@code Idempotency-Key} is kept for a day, so
 * that a client retrying after a lost answer gets that answer again instead of a second execution.
 */
package io.petty.domain.idempotency;
