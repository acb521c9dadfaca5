package io.petty.domain.identity;

import io.petty.domain.validation.FieldViolation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** An email as Petty compares it: trimmed and lower-cased, at most 254 characters, one @ with a dotted domain. */
public final class EmailAddress {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private EmailAddress() {
    }

    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldViolation> check(String email) {
        if (email == null) {
            return Optional.of(new FieldViolation("email", "is required"));
        }
        String normalised = normalise(email);
        if (normalised.length() > 254 || !SHAPE.matcher(normalised).matches()) {
            return Optional.of(new FieldViolation("email", "must be an email address such as ana@example.com"));
        }
        return Optional.empty();
    }
}
