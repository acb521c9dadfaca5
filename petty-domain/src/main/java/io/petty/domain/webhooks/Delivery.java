package io.petty.domain.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery leased for sending: where, signed with what, and what.
 *
 * @param sealedSecret the endpoint's secret as stored ({@link WebhookSecrets#open})
 * @param attempt      which attempt this is, from 1
 */
public record Delivery(UUID id, UUID endpointId, String url, byte[] sealedSecret, String payload, int attempt,
                       Instant createdAt) {
}
