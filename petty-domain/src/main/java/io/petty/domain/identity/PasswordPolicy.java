package io.petty.domain.identity;

import io.petty.domain.validation.FieldViolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** At least 12 characters (NIST SP 800-63B), at most 256, and not one of the passwords everyone tries first. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    public static Optional<FieldViolation> check(String password, String email) {
        if (password == null) {
            return Optional.of(new FieldViolation("password", "is required"));
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of(new FieldViolation("password", "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || (email != null && lower.equals(EmailAddress.normalise(email)))) {
            return Optional.of(new FieldViolation("password", "is too common; choose a passphrase of your own"));
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
