package io.petty.domain.behavior;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A pet's local day: its events in the order they began, and the day in numbers.
 *
 * @param collarId      the collar the pet wears now; null when it wears none
 * @param engineVersion the detectors and settings the engine runs now
 * @param growingSince  an open event whose last reading is at or after this is still growing (within the gap)
 * @param sources       of each detector the engine runs, where its events come from ({@link Detector#source()})
 */
public record Timeline(UUID petId, String collarId, LocalDate date, ZoneId zone, List<BehaviorEvent> events,
                       DaySummary summary, String engineVersion, Instant generatedAt, Instant growingSince,
                       Map<String, String> sources) {

    public Timeline {
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(date, "date is required.");
        Objects.requireNonNull(growingSince, "growingSince is required.");
        events = List.copyOf(events);
        sources = Map.copyOf(sources);
    }

    /** Whether the event is still growing now. */
    public boolean ongoing(BehaviorEvent event) {
        return event.open() && !event.end().isBefore(growingSince);
    }

    /** Whether the event comes from rules or a trained model; "rules" for a detector no longer run. */
    public String source(BehaviorEvent event) {
        return sources.getOrDefault(event.detector(), Detector.RULES);
    }
}
