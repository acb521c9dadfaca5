package io.petty.domain.pets;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * A pet as its owner described it. Optional details may be null.
 *
 * @param timeZone where the pet lives: its days (the timeline, daytime) are local days there
 */
public record Pet(UUID id, UUID ownerId, String name, String species, String breed, LocalDate birthDate,
                  BigDecimal weightKg, Integer bodyConditionScore, Geofence home, ZoneId timeZone) {

    /** Where a pet lives when its owner has not said. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

    /** The home area: leaving it raises an alert. */
    public record Geofence(double lat, double lon, int radiusM) {
    }

    public Pet {
        Objects.requireNonNull(id, "id is required.");
        Objects.requireNonNull(ownerId, "ownerId is required.");
        Objects.requireNonNull(name, "name is required.");
        Objects.requireNonNull(species, "species is required.");
        Objects.requireNonNull(timeZone, "timeZone is required.");
    }
}
