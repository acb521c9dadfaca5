package io.petty.domain.telemetry;

import java.util.Objects;
import java.util.UUID;

/** A collar's newest reading, and the pet that wears the collar. */
public record LatestReading(UUID petId, StoredReading reading) {

    public LatestReading {
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(reading, "reading is required.");
    }
}
