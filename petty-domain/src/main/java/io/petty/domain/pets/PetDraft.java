package io.petty.domain.pets;

import java.math.BigDecimal;

/**
 * A pet's fields as a client sent them, unchecked: for a new pet, or the fields to change (null = unchanged).
 *
 * @param birthDate ISO date, e.g. {@code 2020-04-01}
 * @param timeZone  IANA time zone, e.g. {@code Europe/Helsinki}
 */
public record PetDraft(String name, String species, String breed, String birthDate, BigDecimal weightKg,
                       Integer bodyConditionScore, GeofenceDraft home, String timeZone) {

    public record GeofenceDraft(Double lat, Double lon, Integer radiusM) {
    }
}
