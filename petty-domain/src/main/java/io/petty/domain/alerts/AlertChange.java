package io.petty.domain.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert episode opening or resolving, at the time of the reading that did it.
 *
 * @param detail what the reading showed, for the owner (a distance, a heart rate, a battery level)
 */
public record AlertChange(AlertKind kind, Transition transition, Instant at, String detail) {

    public enum Transition { OPENED, RESOLVED }

    public AlertChange {
        Objects.requireNonNull(kind, "kind is required.");
        Objects.requireNonNull(transition, "transition is required.");
        Objects.requireNonNull(at, "at is required.");
        Objects.requireNonNull(detail, "detail is required.");
    }
}
