package io.petty.domain.behavior;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event of a pet's timeline as stored: what the engine found, by which detector, and what the owner said of it.
 *
 * @param evidenceJson the detector's evidence as a JSON object
 * @param open         still growing: its unit's latest reading belongs to it
 * @param reviewedAt   when the owner last gave feedback on it; null before any
 * @param verdict      the owner's verdict, or null before any
 * @param correctedBehavior what the owner says it was instead, or null
 */
public record BehaviorEvent(UUID id, UUID petId, String collarId, EventKind kind, String behavior, Instant start,
                            Instant end, double confidence, Double distanceM, String detector, String detectorVersion,
                            String evidenceJson, boolean open, Instant reviewedAt, Verdict verdict,
                            String correctedBehavior) {

    public BehaviorEvent {
        Objects.requireNonNull(id, "id is required.");
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(kind, "kind is required.");
        Objects.requireNonNull(behavior, "behavior is required.");
    }

    /** What the timeline shows: the owner's correction where there is one. */
    public String shownBehavior() {
        return correctedBehavior != null ? correctedBehavior : behavior;
    }
}
