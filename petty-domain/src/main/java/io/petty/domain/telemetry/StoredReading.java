package io.petty.domain.telemetry;

import java.time.Instant;
import java.util.Objects;

/** A reading as the server holds it, with the time the server received it. */
public record StoredReading(Reading reading, Instant receivedAt) {

    public StoredReading {
        Objects.requireNonNull(reading, "reading is required.");
        Objects.requireNonNull(receivedAt, "receivedAt is required.");
    }
}
