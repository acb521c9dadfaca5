package io.petty.domain.alerts;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert episode as stored.
 *
 * @param resolvedAt     null while it is open
 * @param resolvedDetail null while it is open
 * @param acknowledgedAt null until the owner acknowledged it
 */
public record Alert(UUID id, UUID petId, String collarId, AlertKind kind, Instant openedAt, String openedDetail,
                    Instant resolvedAt, String resolvedDetail, Instant acknowledgedAt) {

    /** Where the episode is: resolved wins over acknowledged, which the owner may do while it is open. */
    public AlertState state() {
        if (resolvedAt != null) {
            return AlertState.RESOLVED;
        }
        return acknowledgedAt != null ? AlertState.ACKNOWLEDGED : AlertState.OPEN;
    }
}
