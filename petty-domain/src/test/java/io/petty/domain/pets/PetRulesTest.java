package io.petty.domain.pets;

import io.petty.domain.pets.PetDraft.GeofenceDraft;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PetRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final UUID ID = UUID.randomUUID();
    private static final UUID OWNER = UUID.randomUUID();
    private static final GeofenceDraft HOME = new GeofenceDraft(60.1699, 24.9384, 200);

    @Test
    void aNewPetNeedsANameAndASpecies() {
        PetDraft empty = new PetDraft(null, null, null, null, null, null, null, null);

        assertEquals(List.of("name", "species"), violatedFields(empty, null));
    }

    @Test
    void aNewPetNeedsNothingButANameAndASpecies() {
        Pet pet = PetRules.apply(new PetDraft("Rex", "cat", null, null, null, null, null, null), null, ID, OWNER, CLOCK);

        assertEquals(new Pet(ID, OWNER, "Rex", "cat", null, null, null, null, null, Pet.DEFAULT_TIME_ZONE), pet);
    }

    @Test
    void acceptsACompleteValidPetAndKeepsEveryValue() {
        Pet pet = PetRules.apply(valid(), null, ID, OWNER, CLOCK);

        assertEquals(new Pet(ID, OWNER, "Rex", "dog", "Labrador", LocalDate.of(2020, 4, 1), new BigDecimal("31.50"), 5,
                new Pet.Geofence(60.1699, 24.9384, 200), Pet.DEFAULT_TIME_ZONE), pet);
    }

    @Test
    void stripsSurroundingSpaceFromTheName() {
        assertEquals("Rex", PetRules.apply(draft().name("  Rex \t").build(), null, ID, OWNER, CLOCK).name());
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("name", draft().name("x".repeat(101))),
                Arguments.of("name", draft().name("   ")),
                Arguments.of("species", draft().species("hamster")),
                Arguments.of("species", draft().species("Dog")),
                Arguments.of("breed", draft().breed("x".repeat(101))),
                Arguments.of("birth_date", draft().birthDate("2026-11-26")),
                Arguments.of("birth_date", draft().birthDate("1979-12-31")),
                Arguments.of("birth_date", draft().birthDate("01/04/2020")),
                Arguments.of("birth_date", draft().birthDate("2020-4-1")),
                Arguments.of("birth_date", draft().birthDate("2020-02-30")),
                Arguments.of("weight_kg", draft().weightKg("0")),
                Arguments.of("weight_kg", draft().weightKg("-1")),
                Arguments.of("weight_kg", draft().weightKg("150.01")),
                Arguments.of("weight_kg", draft().weightKg("1.234")),
                Arguments.of("body_condition_score", draft().bodyConditionScore(0)),
                Arguments.of("body_condition_score", draft().bodyConditionScore(10)),
                Arguments.of("home.lat", draft().home(new GeofenceDraft(91.0, 24.9384, 200))),
                Arguments.of("home.lat", draft().home(new GeofenceDraft(-91.0, 24.9384, 200))),
                Arguments.of("home.lon", draft().home(new GeofenceDraft(60.1699, 181.0, 200))),
                Arguments.of("home.lon", draft().home(new GeofenceDraft(60.1699, -181.0, 200))),
                Arguments.of("home.radius_m", draft().home(new GeofenceDraft(60.1699, 24.9384, 9))),
                Arguments.of("home.radius_m", draft().home(new GeofenceDraft(60.1699, 24.9384, 100_001))),
                Arguments.of("home.lat", draft().home(new GeofenceDraft(null, 24.9384, 200))),
                Arguments.of("home.lon", draft().home(new GeofenceDraft(60.1699, null, 200))),
                Arguments.of("home.radius_m", draft().home(new GeofenceDraft(60.1699, 24.9384, null))));
    }

    @ParameterizedTest(name = "{0} rejected: {1}")
    @MethodSource("invalidFields")
    void rejectsAnInvalidFieldNamingIt(String field, Draft draft) {
        assertEquals(List.of(field), violatedFields(draft.build(), null));
    }

    static Stream<Arguments> boundaryValues() {
        return Stream.of(
                Arguments.of(draft().name("x".repeat(100))),
                Arguments.of(draft().breed("x".repeat(100))),
                Arguments.of(draft().birthDate("2026-11-25")),
                Arguments.of(draft().birthDate("1980-01-01")),
                Arguments.of(draft().weightKg("0.01")),
                Arguments.of(draft().weightKg("150")),
                Arguments.of(draft().weightKg("150.00")),
                Arguments.of(draft().bodyConditionScore(1)),
                Arguments.of(draft().bodyConditionScore(9)),
                Arguments.of(draft().home(new GeofenceDraft(90.0, 180.0, 10))),
                Arguments.of(draft().home(new GeofenceDraft(-90.0, -180.0, 100_000))));
    }

    @ParameterizedTest(name = "accepted: {0}")
    @MethodSource("boundaryValues")
    void acceptsValuesOnTheBoundaries(Draft draft) {
        PetRules.apply(draft.build(), null, ID, OWNER, CLOCK);
    }

    @Test
    void namesEveryInvalidFieldAtOnce() {
        PetDraft draft = draft().name("").weightKg("0").home(new GeofenceDraft(91.0, 181.0, 5)).build();

        assertEquals(List.of("name", "weight_kg", "home.lat", "home.lon", "home.radius_m"), violatedFields(draft, null));
    }

    @Test
    void rejectsCoordinatesThatAreNotNumbers() {
        assertEquals(List.of("home.lat"), violatedFields(draft().home(new GeofenceDraft(Double.NaN, 24.9, 200)).build(), null));
        assertEquals(List.of("home.lon"), violatedFields(draft().home(new GeofenceDraft(60.1, Double.NaN, 200)).build(), null));
    }

    @Test
    void aPartialDraftChangesOnlyTheFieldsItGives() {
        Pet current = PetRules.apply(valid(), null, ID, OWNER, CLOCK);

        Pet changed = PetRules.apply(new PetDraft(null, null, null, null, new BigDecimal("29.80"), null, null, null),
                current, ID, OWNER, CLOCK);

        assertEquals(new Pet(ID, OWNER, "Rex", "dog", "Labrador", LocalDate.of(2020, 4, 1), new BigDecimal("29.80"), 5,
                new Pet.Geofence(60.1699, 24.9384, 200), Pet.DEFAULT_TIME_ZONE), changed);
    }

    @Test
    void aPartialDraftCanReplaceTheHomeAndTheName() {
        Pet current = PetRules.apply(valid(), null, ID, OWNER, CLOCK);

        Pet changed = PetRules.apply(new PetDraft("Rexy", null, null, null, null, null,
                new GeofenceDraft(59.4370, 24.7536, 500), null), current, ID, OWNER, CLOCK);

        assertEquals("Rexy", changed.name());
        assertEquals(new Pet.Geofence(59.4370, 24.7536, 500), changed.home());
        assertEquals(current.weightKg(), changed.weightKg());
        assertEquals(current.birthDate(), changed.birthDate());
    }

    @Test
    void anEmptyDraftLeavesAnExistingPetAsItWas() {
        Pet current = PetRules.apply(valid(), null, ID, OWNER, CLOCK);

        assertEquals(current, PetRules.apply(new PetDraft(null, null, null, null, null, null, null, null), current, ID, OWNER, CLOCK));
    }

    @Test
    void aPartialDraftIsCheckedLikeANewOne() {
        Pet current = PetRules.apply(valid(), null, ID, OWNER, CLOCK);

        assertEquals(List.of("species"), violatedFields(new PetDraft(null, "hamster", null, null, null, null, null, null), current));
    }

    @Test
    void aPetWithoutOptionalDetailsHasThemNull() {
        Pet pet = PetRules.apply(new PetDraft("Mia", "cat", null, null, null, null, null, null), null, ID, OWNER, CLOCK);

        assertNull(pet.breed());
        assertNull(pet.birthDate());
        assertNull(pet.weightKg());
        assertNull(pet.bodyConditionScore());
        assertNull(pet.home());
    }

    private static PetDraft valid() {
        return draft().build();
    }

    private static Draft draft() {
        return new Draft();
    }

    private static List<String> violatedFields(PetDraft draft, Pet current) {
        InvalidInputException invalid = assertThrows(InvalidInputException.class,
                () -> PetRules.apply(draft, current, ID, OWNER, CLOCK));
        assertTrue(invalid.violations().stream().allMatch(violation -> !violation.message().isBlank()));
        return invalid.violations().stream().map(FieldViolation::field).toList();
    }

    /** A valid draft, changed one field at a time. */
    static final class Draft {
        private String name = "Rex";
        private String species = "dog";
        private String breed = "Labrador";
        private String birthDate = "2020-04-01";
        private BigDecimal weightKg = new BigDecimal("31.50");
        private Integer bodyConditionScore = 5;
        private GeofenceDraft home = HOME;
        private String timeZone;

        Draft name(String value) {
            name = value;
            return this;
        }

        Draft species(String value) {
            species = value;
            return this;
        }

        Draft breed(String value) {
            breed = value;
            return this;
        }

        Draft birthDate(String value) {
            birthDate = value;
            return this;
        }

        Draft weightKg(String value) {
            weightKg = new BigDecimal(value);
            return this;
        }

        Draft bodyConditionScore(Integer value) {
            bodyConditionScore = value;
            return this;
        }

        Draft home(GeofenceDraft value) {
            home = value;
            return this;
        }

        Draft timeZone(String value) {
            timeZone = value;
            return this;
        }

        PetDraft build() {
            return new PetDraft(name, species, breed, birthDate, weightKg, bodyConditionScore, home, timeZone);
        }

        @Override
        public String toString() {
            return build().toString();
        }
    }

    @Test
    void aTimeZoneIsAnIanaRegionAndDefaultsToUtc() {
        assertEquals(Pet.DEFAULT_TIME_ZONE, PetRules.apply(valid(), null, ID, OWNER, CLOCK).timeZone());
        assertEquals(java.time.ZoneId.of("Europe/Helsinki"),
                PetRules.apply(draft().timeZone("Europe/Helsinki").build(), null, ID, OWNER, CLOCK).timeZone());
        for (String invalid : List.of("Mars/Olympus", "+02:00", "", "europe/helsinki")) {
            assertEquals(List.of("time_zone"), violatedFields(draft().timeZone(invalid).build(), null), invalid);
        }
    }

    @Test
    void trailingZerosDoNotCountAsDecimalsOfTheWeight() {
        Pet pet = PetRules.apply(new PetDraft("Rex", "dog", null, null, new BigDecimal("12.500"), null, null, null), null,
                ID, OWNER, CLOCK);
        assertEquals(0, new BigDecimal("12.5").compareTo(pet.weightKg()));
    }

    @Test
    void aNameIsMeasuredInCharactersNotUtf16Units() {
        String hundredEmoji = "\uD83D\uDC36".repeat(100);
        assertEquals(hundredEmoji, PetRules.apply(new PetDraft(hundredEmoji, "dog", null, null, null, null, null, null),
                null, ID, OWNER, CLOCK).name());
    }
}
