package io.petty.domain.webhooks;

import io.petty.domain.alerts.AlertKind;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An owner's endpoint, as stored (its secret never leaves the store but to sign).
 *
 * @param kinds      the alert kinds it is sent; empty for every kind
 * @param quietHours null when it is sent at any time
 * @param disabledAt when it answered 410 Gone; null while it is sent to
 */
public record WebhookEndpoint(UUID id, UUID accountId, String url, Set<AlertKind> kinds, QuietHours quietHours,
                              Instant createdAt, Instant disabledAt) {
}
