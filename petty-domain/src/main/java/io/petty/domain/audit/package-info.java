/** The append-only, hash-chained log of security events, and its verification. */
package io.petty.domain.audit;
