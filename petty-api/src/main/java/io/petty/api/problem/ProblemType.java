package io.petty.api.problem;

import jakarta.ws.rs.core.Response.Status;

import java.net.URI;

/** Every kind of problem Petty reports, with its status and a stable type URI clients can switch on. */
public enum ProblemType {
    MALFORMED_JSON(Status.BAD_REQUEST, "malformed-json", "Request body is not valid JSON"),
    INVALID_FIELDS(422, "invalid-fields", "Request has invalid fields"),
    UNSTORABLE_VALUE(422, "unstorable-value", "A value in the request cannot be stored"),
    CONFLICT(Status.CONFLICT, "conflict", "Request conflicts with what is stored"),
    INVALID_CREDENTIALS(Status.UNAUTHORIZED, "invalid-credentials", "Invalid credentials"),
    NOT_YOUR_COLLAR(Status.FORBIDDEN, "not-your-collar", "Reading is for another collar"),
    EMAIL_TAKEN(Status.CONFLICT, "email-taken", "Email already registered"),
    UNKNOWN_COLLAR(Status.NOT_FOUND, "unknown-collar", "Collar not found"),
    UNKNOWN_PET(Status.NOT_FOUND, "unknown-pet", "Pet not found"),
    UNKNOWN_EVENT(Status.NOT_FOUND, "unknown-event", "Event not found"),
    UNKNOWN_ALERT(Status.NOT_FOUND, "unknown-alert", "Alert not found"),
    UNKNOWN_WEBHOOK(Status.NOT_FOUND, "unknown-webhook", "Webhook endpoint not found"),
    UNKNOWN_ERASURE(Status.NOT_FOUND, "unknown-erasure", "Erasure not found"),
    UNKNOWN_EXPORT(Status.NOT_FOUND, "unknown-export", "Export not found"),
    UNKNOWN_JOB_RUN(Status.NOT_FOUND, "unknown-job-run", "Job run not found"),
    JOB_NOT_RESTARTABLE(Status.CONFLICT, "job-not-restartable", "Job run cannot be restarted"),
    COLLAR_PAIRED(Status.CONFLICT, "collar-paired", "Collar is paired with another pet"),
    NO_READING_YET(Status.NOT_FOUND, "no-reading-yet", "Collar has not reported yet"),
    INVALID_IDEMPOTENCY_KEY(Status.BAD_REQUEST, "invalid-idempotency-key", "Idempotency-Key is not valid"),
    IDEMPOTENCY_KEY_IN_USE(Status.CONFLICT, "idempotency-key-in-use", "Idempotency-Key is in use"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key was used for another request"),
    BODY_TOO_SLOW(Status.REQUEST_TIMEOUT, "body-too-slow", "Request body arrived too slowly"),
    BODY_TOO_LARGE(Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large", "Request body is too large"),
    URI_TOO_LONG(Status.REQUEST_URI_TOO_LONG, "uri-too-long", "Request URI is too long"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    LOGIN_THROTTLED(429, "login-throttled", "Too many failed logins"),
    TOO_MANY_STREAMS(429, "too-many-streams", "Too many open event streams"),
    INVALID_LAST_EVENT_ID(Status.BAD_REQUEST, "invalid-last-event-id", "Last-Event-ID is not valid"),
    OVERLOADED(Status.SERVICE_UNAVAILABLE, "overloaded", "Server is busy"),
    DATABASE_UNAVAILABLE(Status.SERVICE_UNAVAILABLE, "database-unavailable", "Storage is unavailable"),
    INTERNAL_ERROR(Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal server error");

    private static final String BASE = "https://petty.io/problems/";

    private final int status;
    private final URI type;
    private final String title;

    ProblemType(Status status, String slug, String title) {
        this(status.getStatusCode(), slug, title);
    }

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.type = URI.create(BASE + slug);
        this.title = title;
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }
}
