package io.petty.domain.behavior;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a detector found: a behavior between the first and the last reading that show it.
 *
 * @param confidence how strongly the evidence supports it, from 0 to 1 (computed, never fixed)
 * @param distanceM  metres covered, for sessions of movement; null where distance means nothing (rest)
 * @param metadata   the evidence, by name: numbers and short strings, in the order they are best read
 */
public record DetectedEvent(String behavior, EventKind kind, Instant start, Instant end, double confidence,
                            String detector, String detectorVersion, Double distanceM, Map<String, Object> metadata) {

    public DetectedEvent {
        Objects.requireNonNull(behavior, "behavior is required.");
        Objects.requireNonNull(kind, "kind is required.");
        Objects.requireNonNull(start, "start is required.");
        Objects.requireNonNull(end, "end is required.");
        Objects.requireNonNull(detector, "detector is required.");
        Objects.requireNonNull(detectorVersion, "detectorVersion is required.");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("an event cannot end before it starts");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
