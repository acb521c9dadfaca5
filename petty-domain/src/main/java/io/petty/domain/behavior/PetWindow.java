package io.petty.domain.behavior;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/** A pairing window of a collar with the time zone of the pet that wore it: {@code [from, until)}, until null while worn. */
public record PetWindow(UUID petId, ZoneId zone, Instant from, Instant until) {

    public PetWindow {
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(zone, "zone is required.");
        Objects.requireNonNull(from, "from is required.");
    }
}
