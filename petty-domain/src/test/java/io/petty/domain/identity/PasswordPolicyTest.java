package io.petty.domain.identity;

import io.petty.domain.validation.FieldViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordPolicyTest {

    private static final String EMAIL = "ana.lopez@example.com";

    @ParameterizedTest
    @ValueSource(ints = {12, 13, 100, 256})
    void acceptsPasswordsOf12To256Characters(int length) {
        assertTrue(PasswordPolicy.check(ofLength(length), EMAIL).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 11, 257, 1000})
    void rejectsPasswordsShorterThan12OrLongerThan256Characters(int length) {
        assertEquals(Optional.of(new FieldViolation("password", "must be 12 to 256 characters")),
                PasswordPolicy.check(ofLength(length), EMAIL));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String twelveEmoji = "🐶".repeat(12);
        String elevenEmoji = "🐶".repeat(11);

        assertTrue(PasswordPolicy.check(twelveEmoji, EMAIL).isEmpty());
        assertEquals("password", PasswordPolicy.check(elevenEmoji, EMAIL).orElseThrow().field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "Password1234", "PASSWORD1234", "qwerty123456", "1qaz2wsx3edc"})
    void rejectsListedCommonPasswordsWhateverTheirCase(String password) {
        assertTooCommon(PasswordPolicy.check(password, EMAIL));
    }

    @Test
    void rejectsAPasswordEqualToTheEmailWhateverItsCase() {
        assertTooCommon(PasswordPolicy.check(EMAIL, EMAIL));
        assertTooCommon(PasswordPolicy.check("Ana.Lopez@Example.COM", EMAIL));
    }

    @Test
    void rejectsAPasswordEqualToTheEmailTypedWithSurroundingSpaces() {
        assertTooCommon(PasswordPolicy.check(EMAIL, " " + EMAIL + " "));
    }

    @Test
    void acceptsAPasswordWhenNoEmailIsGiven() {
        assertTrue(PasswordPolicy.check("a long enough passphrase", null).isEmpty());
    }

    @Test
    void aMissingPasswordIsRequired() {
        assertEquals(Optional.of(new FieldViolation("password", "is required")), PasswordPolicy.check(null, EMAIL));
    }

    private static String ofLength(int length) {
        return "x".repeat(length);
    }

    private static void assertTooCommon(Optional<FieldViolation> violation) {
        assertEquals(Optional.of(new FieldViolation("password", "is too common; choose a passphrase of your own")),
                violation);
    }
}
