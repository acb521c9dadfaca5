package io.petty.domain.pets;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A pet as its owner described it. Optional details may be null. */
public record Pet(UUID id, UUID ownerId, String name, String species, String breed, LocalDate birthDate,
                  BigDecimal weightKg, Integer bodyConditionScore, Geofence home) {

    /** The home area: leaving it raises an alert. */
    public record Geofence(double lat, double lon, int radiusM) {
    }

    public Pet {
        Objects.requireNonNull(id, "id is required.");
        Objects.requireNonNull(ownerId, "ownerId is required.");
        Objects.requireNonNull(name, "name is required.");
        Objects.requireNonNull(species, "species is required.");
    }
}
