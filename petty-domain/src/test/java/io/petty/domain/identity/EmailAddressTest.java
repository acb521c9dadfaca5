package io.petty.domain.identity;

import io.petty.domain.validation.FieldViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmailAddressTest {

    @Test
    void normaliseTrimsAndLowerCases() {
        assertEquals("ana.lopez@example.com", EmailAddress.normalise("  Ana.Lopez@Example.COM \t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.com", "Ana.Lopez+pets@mail.example.co.uk", "a@b.c", " ana@example.com "})
    void acceptsOrdinaryAddresses(String email) {
        assertTrue(EmailAddress.check(email).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana.example.com", "ana@localhost", "ana lopez@example.com", "ana@exam ple.com",
            "ana@@example.com", "ana@example@com.org", "@example.com", "ana@", ""})
    void rejectsWhatIsNotOneLocalPartAtADottedDomain(String email) {
        assertInvalid(EmailAddress.check(email));
    }

    @Test
    void acceptsUpTo254CharactersAndRejectsMore() {
        String local = "a".repeat(64);
        String at254 = local + "@" + "b".repeat(254 - 64 - 1 - 4) + ".com";
        String at255 = local + "@" + "b".repeat(255 - 64 - 1 - 4) + ".com";

        assertEquals(254, at254.length());
        assertTrue(EmailAddress.check(at254).isEmpty());
        assertInvalid(EmailAddress.check(at255));
    }

    @Test
    void rejectsALocalPartLongerThan64Characters() {
        assertInvalid(EmailAddress.check("a".repeat(65) + "@example.com"));
    }

    @Test
    void aMissingEmailIsRequired() {
        assertEquals(Optional.of(new FieldViolation("email", "is required")), EmailAddress.check(null));
    }

    private static void assertInvalid(Optional<FieldViolation> violation) {
        assertEquals(Optional.of(new FieldViolation("email", "must be an email address such as ana@example.com")),
                violation);
    }
}
