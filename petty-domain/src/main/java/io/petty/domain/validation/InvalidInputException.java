package io.petty.domain.validation;

import java.util.List;

/** An inbound document broke one or more rules; nothing was changed. */
public class InvalidInputException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidInputException(List<FieldViolation> violations) {
        super(violations.size() + " invalid field(s)");
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid input has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
