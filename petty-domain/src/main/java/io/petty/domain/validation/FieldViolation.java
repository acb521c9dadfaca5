package io.petty.domain.validation;

import java.util.Objects;

/**
 * One rejected field of an inbound document.
 *
 * @param field   the field's path as the client sent it, e.g. {@code location.coordinates}
 * @param message what is wrong, phrased so the client can fix it
 */
public record FieldViolation(String field, String message) {

    public FieldViolation {
        Objects.requireNonNull(field, "field is required.");
        Objects.requireNonNull(message, "message is required.");
    }
}
