package io.petty.api.alerts;

import io.petty.domain.alerts.Alert;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * An alert episode as the app shows it; times in UTC, {@code resolved_*} and {@code acknowledged_at} left out until
 * then.
 */
public record AlertView(UUID id, UUID petId, String collarId, String kind, String state, Instant openedAt,
                        String openedDetail, Instant resolvedAt, String resolvedDetail, Instant acknowledgedAt) {

    public static AlertView of(Alert alert) {
        return new AlertView(alert.id(), alert.petId(), alert.collarId(), alert.kind().wireName(),
                alert.state().name().toLowerCase(Locale.ROOT), alert.openedAt(), alert.openedDetail(),
                alert.resolvedAt(), alert.resolvedDetail(), alert.acknowledgedAt());
    }
}
