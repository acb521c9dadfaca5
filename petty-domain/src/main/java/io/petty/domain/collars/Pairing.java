package io.petty.domain.collars;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A collar's current pairing.
 *
 * @param credentialsFrom when the pairing began: a device token issued before speaks for a pairing that no longer
 *                        exists
 * @param readingsFrom    the earliest reading time that belongs to this pet: anything older, including what the
 *                        collar stamped ahead of time while another pet wore it, is the previous pet's
 */
public record Pairing(String collarId, UUID petId, Instant credentialsFrom, Instant readingsFrom) {

    public Pairing {
        Objects.requireNonNull(collarId, "collarId is required.");
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(credentialsFrom, "credentialsFrom is required.");
        Objects.requireNonNull(readingsFrom, "readingsFrom is required.");
    }
}
