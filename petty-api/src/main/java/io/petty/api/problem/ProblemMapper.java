package io.petty.api.problem;

import io.petty.api.correlation.RequestIds;
import io.petty.domain.alerts.UnknownAlertException;
import io.petty.domain.collars.CollarAlreadyPairedException;
import io.petty.domain.collars.UnknownCollarException;
import io.petty.domain.feedback.UnknownEventException;
import io.petty.domain.identity.EmailTakenException;
import io.petty.domain.jobs.JobNotRestartableException;
import io.petty.domain.jobs.UnknownJobRunException;
import io.petty.domain.identity.InvalidCredentialsException;
import io.petty.domain.identity.LoginThrottledException;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.privacy.UnknownErasureException;
import io.petty.domain.privacy.UnknownExportException;
import io.petty.domain.webhooks.UnknownWebhookException;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.telemetry.CollarMismatchException;
import io.petty.domain.telemetry.NoReadingYetException;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into a problem document, so clients see one error shape and never a stack trace.
 * Known failures keep their own status; anything unexpected is logged with the request id and becomes 500.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    public static final URI ABOUT_BLANK = URI.create("about:blank");
    /** How long a client should wait before retrying while the database is unreachable. */
    private static final String DATABASE_RETRY_AFTER_SECONDS = "5";
    /** SQLSTATE class 08: the connection failed or was never made (PostgreSQL's driver uses 08006 for a timeout). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    @Context
    private HttpServletRequest request;

    @Override
    public Response toResponse(Throwable failure) {
        String requestId = RequestIds.of(request);
        String path = request.getRequestURI();
        if (failure instanceof ProblemException problem) {
            Response.ResponseBuilder response = Response.fromResponse(
                    respond(of(problem.type(), problem.getMessage(), path, requestId, null)));
            problem.headers().forEach(response::header);
            return response.build();
        }
        if (failure instanceof LoginThrottledException throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds());
            return Response.fromResponse(respond(of(ProblemType.LOGIN_THROTTLED,
                            "Too many failed logins; retry after " + seconds + " s.", path, requestId, null)))
                    .header(HttpHeaders.RETRY_AFTER, seconds).build();
        }
        if (failure instanceof InvalidInputException invalid) {
            return respond(of(ProblemType.INVALID_FIELDS, describe(invalid.violations()), path, requestId,
                    invalid.violations()));
        }
        if (failure instanceof UnknownCollarException unknown) {
            return respond(of(ProblemType.UNKNOWN_COLLAR, unknown.getMessage(), path, requestId, null));
        }
        if (failure instanceof NoReadingYetException noReading) {
            return respond(of(ProblemType.NO_READING_YET, noReading.getMessage() + ".", path, requestId, null));
        }
        if (failure instanceof InvalidCredentialsException) {
            return Response.fromResponse(respond(of(ProblemType.INVALID_CREDENTIALS,
                            "The credentials or token are not valid.", path, requestId, null)))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        if (failure instanceof CollarMismatchException mismatch) {
            return respond(of(ProblemType.NOT_YOUR_COLLAR, "This token may only ingest readings of collar "
                    + mismatch.tokenCollarId() + ".", path, requestId, null));
        }
        if (failure instanceof EmailTakenException) {
            return respond(of(ProblemType.EMAIL_TAKEN, "Sign in instead, or register with another email.", path,
                    requestId, null));
        }
        if (failure instanceof PetNotFoundException) {
            return respond(of(ProblemType.UNKNOWN_PET, "You have no pet with this id.", path, requestId, null));
        }
        if (failure instanceof UnknownEventException) {
            return respond(of(ProblemType.UNKNOWN_EVENT, "None of your pets' timelines has this event.", path,
                    requestId, null));
        }
        if (failure instanceof UnknownAlertException) {
            return respond(of(ProblemType.UNKNOWN_ALERT, "None of your pets has this alert.", path, requestId, null));
        }
        if (failure instanceof UnknownWebhookException) {
            return respond(of(ProblemType.UNKNOWN_WEBHOOK, "You have no webhook endpoint with this id.", path,
                    requestId, null));
        }
        if (failure instanceof CollarAlreadyPairedException) {
            return respond(of(ProblemType.COLLAR_PAIRED, "Unpair the collar from its pet first.", path, requestId,
                    null));
        }
        if (failure instanceof UnknownErasureException) {
            return respond(of(ProblemType.UNKNOWN_ERASURE, "You asked for no erasure with this id.", path, requestId,
                    null));
        }
        if (failure instanceof UnknownExportException) {
            return respond(of(ProblemType.UNKNOWN_EXPORT, "You asked for no export with this id that can be read now.",
                    path, requestId, null));
        }
        if (failure instanceof UnknownJobRunException unknown) {
            return respond(of(ProblemType.UNKNOWN_JOB_RUN, unknown.getMessage() + ".", path, requestId, null));
        }
        if (failure instanceof JobNotRestartableException notRestartable) {
            return respond(of(ProblemType.JOB_NOT_RESTARTABLE, notRestartable.getMessage() + ".", path, requestId,
                    null));
        }
        if (failure instanceof WebApplicationException web) {
            return fromFramework(web, path, requestId);
        }
        ProblemType refused = refusedByDatabase(failure);
        if (refused != null) {
            // The request itself was refused: sending it again cannot succeed, so no Retry-After and no 5xx.
            LOG.log(Level.INFO, "Request " + requestId + " was refused by the database: " + refused.title());
            return respond(of(refused, "Nothing was changed.", path, requestId, null));
        }
        if (failure instanceof DatabaseException || databaseUnreachable(failure)) {
            LOG.log(Level.WARNING, "Request " + requestId + " failed on the database: " + failure.getMessage());
            return Response.fromResponse(respond(of(ProblemType.DATABASE_UNAVAILABLE,
                            "The request was not carried out; retry later.", path, requestId, null)))
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.log(Level.SEVERE, "Request " + requestId + " failed unexpectedly", failure);
        return respond(of(ProblemType.INTERNAL_ERROR, "The failure was logged under request id " + requestId + ".",
                path, requestId, null));
    }

    /**
     * The problem for a statement PostgreSQL refused because of what the request holds — a value it cannot store
     * (SQLSTATE class 22, e.g. a NUL in text) or a broken constraint (class 23) — or null when the failure is not
     * one (an outage, a bug).
     */
    static ProblemType refusedByDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String sqlClass = sql.getSQLState().substring(0, Math.min(2, sql.getSQLState().length()));
                return switch (sqlClass) {
                    case "22" -> ProblemType.UNSTORABLE_VALUE;
                    case "23" -> ProblemType.CONFLICT;
                    default -> null;
                };
            }
        }
        return null;
    }

    /**
     * Whether a failure that is not Petty's own {@link DatabaseException} (JPA's, say) came from a database that did
     * not answer in time, refused the connection, or had no pooled connection to give: a client may retry it.
     */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLTimeoutException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
                return true;
            }
        }
        return false;
    }

    /** Routing and content negotiation failures (404, 405, 406, 415, …) keep their status and headers. */
    private static Response fromFramework(WebApplicationException web, String path, String requestId) {
        Response original = web.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Problem problem = new Problem(ABOUT_BLANK, status.getReasonPhrase(), status.getStatusCode(),
                frameworkDetail(status.getStatusCode()), path, requestId, null);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        original.getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    /** What a client should know about an error the runtime raised, by status. */
    public static String frameworkDetail(int status) {
        return switch (status) {
            case 401 -> "A valid bearer token is required.";
            case 403 -> "This token may not do that.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not support the method; the Allow header lists those it does.";
            case 406 -> "This resource can answer only with application/json.";
            case 408 -> "The request did not arrive in time.";
            case 414 -> "The request's URI is too long.";
            case 415 -> "The request body must be application/json.";
            default -> "The request could not be served.";
        };
    }

    private static Problem of(ProblemType type, String detail, String path, String requestId,
                              List<FieldViolation> errors) {
        return new Problem(type.type(), type.title(), type.status(), detail, path, requestId, errors);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String describe(List<FieldViolation> violations) {
        StringBuilder detail = new StringBuilder();
        for (FieldViolation violation : violations) {
            detail.append(detail.length() == 0 ? "" : "; ").append(violation.field()).append(' ')
                    .append(violation.message());
        }
        return detail.append('.').toString();
    }
}
