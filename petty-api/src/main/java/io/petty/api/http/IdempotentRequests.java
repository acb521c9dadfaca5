package io.petty.api.http;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.domain.idempotency.IdempotencyStore;
import io.petty.domain.idempotency.IdempotencyStore.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header (IETF draft "The Idempotency-Key HTTP Header Field"): a request
 * retried with the same key and body gets the first successful answer again, marked {@code Idempotent-Replayed};
 * the same key with another body is a {@code 422}, and while the first is still running a copy gets {@code 409}.
 * Only successful answers are kept: a refused request is simply refused again.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    /** Visible ASCII, as the draft's examples (UUIDs, random tokens); bounded so keys stay small. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;

    @Inject
    public IdempotentRequests(IdempotencyStore store) {
        this.store = store;
    }

    /** For CDI proxies; never called to build a working instance. */
    public IdempotentRequests() {
        this(null);
    }

    /**
     * @param principal whose key it is: keys of different callers never meet
     * @param key       the header's value
     * @param body      the request body, whose hash tells a retry from a different request
     * @param request   runs the request when this key is new
     */
    public Response answer(String principal, String key, byte[] body, Supplier<Response> request) {
        if (!KEY.matcher(key).matches()) {
            throw new ProblemException(ProblemType.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        Claim claim = store.claim(principal, key, sha256(body));
        if (claim instanceof Claim.Replay replay) {
            return Response.status(replay.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(replay.body())
                    .header(REPLAYED, "true").build();
        }
        if (claim instanceof Claim.InProgress) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed; retry it shortly.",
                    Map.of("Retry-After", "1"));
        }
        if (claim instanceof Claim.Conflict) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a request with another body.");
        }
        return run(principal, key, request);
    }

    private Response run(String principal, String key, Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (RuntimeException failure) {
            release(principal, key, failure);
            throw failure;
        }
        if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
            release(principal, key, null);
            return response;
        }
        String json = JsonConventions.jsonb().toJson(response.getEntity());
        store.complete(principal, key, response.getStatus(), json);
        return Response.status(response.getStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
    }

    /** A claim that cannot be released (the database went away) is retaken once it counts as abandoned. */
    private void release(String principal, String key, RuntimeException failure) {
        try {
            store.release(principal, key);
        } catch (RuntimeException releaseFailure) {
            if (failure == null) {
                throw releaseFailure;
            }
            failure.addSuppressed(releaseFailure);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
