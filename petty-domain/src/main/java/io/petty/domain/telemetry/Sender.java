package io.petty.domain.telemetry;

import java.time.Instant;

/**
 * Who an ingest request speaks for: the collar its device token was issued to, when that token was issued
 * (a token from before the collar's current pairing no longer speaks for it), and the request's correlation id.
 */
public record Sender(String collarId, Instant tokenIssuedAt, String requestId) {
}
