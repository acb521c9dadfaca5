package io.petty.api.problem;

import io.petty.domain.validation.FieldViolation;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists each rejected field when the problem is invalid input.
 *
 * @param instance the request path the problem occurred on
 */
public record Problem(URI type, String title, int status, String detail, String instance, String requestId,
                      List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
