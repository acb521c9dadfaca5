package io.petty.domain.behavior;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A pet's local day: its events in the order they began, and the day in numbers.
 *
 * @param collarId      the collar the pet wears now; null when it wears none
 * @param engineVersion the detectors and settings the engine runs now
 */
public record Timeline(UUID petId, String collarId, LocalDate date, ZoneId zone, List<BehaviorEvent> events,
                       DaySummary summary, String engineVersion, Instant generatedAt) {

    public Timeline {
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(date, "date is required.");
        events = List.copyOf(events);
    }
}
