package io.petty.domain.pets;

import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What a pet's details may be. Applies a draft onto a pet (or onto nothing, for a new one). */
public final class PetRules {

    public static final Set<String> SPECIES = Set.of("dog", "cat");
    private static final BigDecimal MAX_WEIGHT_KG = BigDecimal.valueOf(150);
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1980, 1, 1);

    private PetRules() {
    }

    /**
     * @param current null for a new pet, whose name and species are then required
     * @throws InvalidInputException naming every field that breaks a rule
     */
    public static Pet apply(PetDraft draft, Pet current, UUID id, UUID ownerId, Clock clock) {
        List<FieldViolation> violations = new ArrayList<>();
        boolean creating = current == null;
        String name = pick(draft.name(), creating ? null : current.name());
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > 100) {
            violations.add(new FieldViolation("name", "must be 1 to 100 characters"));
        }
        String species = pick(draft.species(), creating ? null : current.species());
        if (species == null || !SPECIES.contains(species)) {
            violations.add(new FieldViolation("species", "must be \"dog\" or \"cat\""));
        }
        String breed = pick(draft.breed(), creating ? null : current.breed());
        if (breed != null && breed.codePointCount(0, breed.length()) > 100) {
            violations.add(new FieldViolation("breed", "must be at most 100 characters"));
        }
        LocalDate birthDate = creating ? null : current.birthDate();
        if (draft.birthDate() != null) {
            birthDate = birthDate(draft.birthDate(), clock, violations);
        }
        BigDecimal weight = pick(draft.weightKg(), creating ? null : current.weightKg());
        if (weight != null && (weight.signum() <= 0 || weight.compareTo(MAX_WEIGHT_KG) > 0 || weight.stripTrailingZeros().scale() > 2)) {
            violations.add(new FieldViolation("weight_kg", "must be more than 0 and at most 150, to 2 decimals"));
        }
        Integer score = pick(draft.bodyConditionScore(), creating ? null : current.bodyConditionScore());
        if (score != null && (score < 1 || score > 9)) {
            violations.add(new FieldViolation("body_condition_score", "must be between 1 and 9"));
        }
        Pet.Geofence home = creating ? null : current.home();
        if (draft.home() != null) {
            home = geofence(draft.home(), violations);
        }
        ZoneId timeZone = creating ? Pet.DEFAULT_TIME_ZONE : current.timeZone();
        if (draft.timeZone() != null) {
            timeZone = timeZone(draft.timeZone(), violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Pet(id, ownerId, name.strip(), species, breed, birthDate, weight, score, home, timeZone);
    }

    private static <T> T pick(T given, T current) {
        return given != null ? given : current;
    }

    private static LocalDate birthDate(String value, Clock clock, List<FieldViolation> violations) {
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isAfter(LocalDate.now(clock)) || date.isBefore(EARLIEST_BIRTH)) {
                violations.add(new FieldViolation("birth_date", "must be between 1980-01-01 and today"));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation("birth_date", "must be an ISO date such as 2020-04-01"));
            return null;
        }
    }

    /** A region's rules follow it through daylight saving; a fixed offset would not. */
    private static ZoneId timeZone(String value, List<FieldViolation> violations) {
        if (ZoneId.getAvailableZoneIds().contains(value)) {
            return ZoneId.of(value);
        }
        violations.add(new FieldViolation("time_zone", "must be an IANA time zone such as Europe/Helsinki, or UTC"));
        return null;
    }

    private static Pet.Geofence geofence(PetDraft.GeofenceDraft home, List<FieldViolation> violations) {
        boolean valid = true;
        if (home.lat() == null || !Double.isFinite(home.lat()) || Math.abs(home.lat()) > 90) {
            violations.add(new FieldViolation("home.lat", "must be between -90 and 90"));
            valid = false;
        }
        if (home.lon() == null || !Double.isFinite(home.lon()) || Math.abs(home.lon()) > 180) {
            violations.add(new FieldViolation("home.lon", "must be between -180 and 180"));
            valid = false;
        }
        if (home.radiusM() == null || home.radiusM() < 10 || home.radiusM() > 100_000) {
            violations.add(new FieldViolation("home.radius_m", "must be between 10 and 100000"));
            valid = false;
        }
        return valid ? new Pet.Geofence(home.lat(), home.lon(), home.radiusM()) : null;
    }
}
