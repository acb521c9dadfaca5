package io.petty.domain.collars;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The readings of one collar, by their own timestamps, that belong to one pet: from {@code from} (inclusive) to
 * {@code until} (exclusive; null while the pet still wears the collar). Windows of a collar never overlap.
 */
public record PairingWindow(String collarId, UUID petId, Instant from, Instant until) {

    public PairingWindow {
        Objects.requireNonNull(collarId, "collarId is required.");
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(from, "from is required.");
        if (until != null && until.isBefore(from)) {
            throw new IllegalArgumentException("a pairing window cannot end before it starts");
        }
    }

    public boolean contains(Instant timestamp) {
        return !timestamp.isBefore(from) && (until == null || timestamp.isBefore(until));
    }
}
