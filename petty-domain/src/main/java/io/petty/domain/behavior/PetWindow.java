package io.petty.domain.behavior;

import io.petty.domain.pets.Pet;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * A pairing window of a collar with the time zone and home fence of the pet that wore it: {@code [from, until)}, until
 * null while worn.
 *
 * @param home null when the pet has no fence
 */
public record PetWindow(UUID petId, ZoneId zone, Instant from, Instant until, Pet.Geofence home) {

    public PetWindow {
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(zone, "zone is required.");
        Objects.requireNonNull(from, "from is required.");
    }
}
