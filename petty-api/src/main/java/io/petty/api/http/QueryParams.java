package io.petty.api.http;

import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;

import java.util.List;

/** Numbers in paths and query strings, taken as text so that a malformed one is a 422 naming it, not a bare 404. */
public final class QueryParams {

    private QueryParams() {
    }

    /** @throws InvalidInputException naming {@code field} when the text is not a whole number from min to max */
    public static long wholeNumber(String text, String field, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new InvalidInputException(List.of(new FieldViolation(field, "must be a whole number from " + min
                + (max == Long.MAX_VALUE ? " up" : " to " + max))));
    }
}
