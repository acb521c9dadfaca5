package io.petty.api.problem;

import java.util.Map;

/** Raised by the HTTP layer itself when a request cannot be served; the detail is safe to show the client. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final transient Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    /** @param headers sent with the problem, e.g. {@code Retry-After} */
    public ProblemException(ProblemType type, String detail, Map<String, String> headers) {
        super(detail);
        this.type = type;
        this.headers = Map.copyOf(headers);
    }

    /** A JSON body bound to a record is null when the request had none: that is a malformed request. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object.");
        }
        return body;
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
