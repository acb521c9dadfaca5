package io.petty.domain.collars;

import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a collar serial looks like: two capital letters, a hyphen and 3 to 6 digits, e.g. {@code SN-12345}. */
public final class CollarIds {

    public static final Pattern PATTERN = Pattern.compile("^[A-Z]{2}-\\d{3,6}$");

    private CollarIds() {
    }

    /** @throws InvalidInputException naming {@code field} when the value cannot be a collar serial */
    public static String require(String collarId, String field) {
        List<FieldViolation> violations = new ArrayList<>();
        String valid = check(field, collarId, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return valid;
    }

    /** @return the serial, or null after adding why it is not one */
    public static String check(String field, String value, List<FieldViolation> violations) {
        if (value == null) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        if (!PATTERN.matcher(value).matches()) {
            violations.add(new FieldViolation(field,
                    "must be two capital letters, a hyphen and 3 to 6 digits, e.g. SN-12345"));
            return null;
        }
        return value;
    }
}
