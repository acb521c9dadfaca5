package io.petty.domain.telemetry;

/** How many readings of one request were new and how many had been stored before. */
public record IngestOutcome(int stored, int duplicates) {

    public IngestOutcome {
        if (stored < 0 || duplicates < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
