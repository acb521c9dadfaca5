package io.petty.api.pets;

import io.petty.domain.pets.Pet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A pet as the app sees it; {@code home} is the geofence {@code {lat, lon, radius_m}}. */
public record PetView(UUID id, String name, String species, String breed, LocalDate birthDate, BigDecimal weightKg,
                      Integer bodyConditionScore, Pet.Geofence home, String timeZone) {

    public static PetView of(Pet pet) {
        return new PetView(pet.id(), pet.name(), pet.species(), pet.breed(), pet.birthDate(), pet.weightKg(),
                pet.bodyConditionScore(), pet.home(), pet.timeZone().getId());
    }
}
