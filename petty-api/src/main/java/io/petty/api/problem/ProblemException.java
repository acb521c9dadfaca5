package io.petty.api.problem;

/** Raised by the HTTP layer itself when a request cannot be served; the detail is safe to show the client. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
