package io.petty.api.admin;

import io.petty.api.http.QueryParams;
import io.petty.api.http.RateLimited;
import io.petty.domain.collars.CollarIds;
import io.petty.domain.telemetry.DeadLetter;
import io.petty.domain.telemetry.DeadLetterRepository;
import io.petty.domain.validation.FieldViolation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/admin/dead-letters}: the readings the server refused in the last 14 days, newest first, in
 * pages: pass the {@code next_before} of one page as {@code before} to get the next.
 */
@Path("v1/admin/dead-letters")
@ApplicationScoped
@RateLimited("api")
@RolesAllowed("admin")
public class DeadLettersResource {

    static final int MAX_LIMIT = 1000;

    private final DeadLetterRepository deadLetters;

    @Inject
    public DeadLettersResource(DeadLetterRepository deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public DeadLettersResource() {
        this(null);
    }

    /** One page; {@code next_before} is absent on the last. */
    public record Page(List<Entry> deadLetters, Long nextBefore) {
    }

    public record Entry(long id, Instant receivedAt, String collarId, String requestId, Integer index,
                        List<FieldViolation> errors, String payload) {

        static Entry of(DeadLetter letter) {
            return new Entry(letter.id(), letter.receivedAt(), letter.reading().collarId(),
                    letter.reading().requestId(), letter.reading().index(), letter.reading().errors(),
                    letter.reading().payload());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page list(@QueryParam("collar_id") String collarId, @QueryParam("before") String before,
                     @QueryParam("limit") @DefaultValue("100") String limit) {
        String collar = collarId == null ? null : CollarIds.require(collarId, "collar_id");
        Long beforeId = before == null ? null : QueryParams.wholeNumber(before, "before", 1, Long.MAX_VALUE);
        int size = (int) QueryParams.wholeNumber(limit, "limit", 1, MAX_LIMIT);
        List<DeadLetter> page = deadLetters.list(collar, beforeId, size);
        Long nextBefore = page.size() == size ? page.get(page.size() - 1).id() : null;
        return new Page(page.stream().map(Entry::of).toList(), nextBefore);
    }
}
