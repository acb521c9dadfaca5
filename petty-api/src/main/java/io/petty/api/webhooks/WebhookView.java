package io.petty.api.webhooks;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.webhooks.WebhookEndpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint as the owner sees it; {@code secret} only in the answer that registered it, {@code disabled_at} once the
 * receiver answered 410 Gone.
 */
public record WebhookView(UUID id, String url, List<String> kinds, WebhookRequest.QuietHoursDocument quietHours,
                          Instant createdAt, Instant disabledAt, String secret) {

    static WebhookView of(WebhookEndpoint endpoint, String secret) {
        return new WebhookView(endpoint.id(), endpoint.url(),
                endpoint.kinds().stream().map(AlertKind::wireName).sorted().toList(),
                endpoint.quietHours() == null ? null : new WebhookRequest.QuietHoursDocument(
                        endpoint.quietHours().from().toString(), endpoint.quietHours().until().toString()),
                endpoint.createdAt(), endpoint.disabledAt(), secret);
    }
}
