package io.petty.domain.webhooks;

import java.util.UUID;

/**
 * A delivery leased for sending: where, signed with what, and what.
 *
 * @param sealedSecret the endpoint's secret as stored ({@link WebhookSecrets#open})
 */
public record Delivery(UUID id, UUID endpointId, String url, byte[] sealedSecret, String payload) {
}
