package io.petty.api.live;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.pets.PetsResource;
import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.domain.pets.PetService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /v1/pets/{id}/events}: the pet's behaviors and alerts as they happen, as Server-Sent Events named
 * {@code behavior.began}, {@code behavior.ended}, {@code alert.opened}, {@code alert.resolved}, each with the number
 * of its entry in the pet's live log as its id; {@code Last-Event-ID} resumes after one (kept 7 days), a heartbeat
 * comment comes every 15 s, and the stream ends when the token expires or is revoked (a logout). Another owner's pet
 * answers 404.
 */
@Path("v1/pets/{id}/events")
@ApplicationScoped
@RateLimited("api")
@RolesAllowed("owner")
public class PetEventsResource {

    private final PetService pets;
    private final LiveStreams streams;

    @Inject
    public PetEventsResource(PetService pets, LiveStreams streams) {
        this.pets = pets;
        this.streams = streams;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public PetEventsResource() {
        this(null, null);
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("id") String id, @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @Context SecurityContext security, @Context SseEventSink sink, @Context Sse sse) {
        UUID accountId = Caller.accountId(security);
        UUID petId = pets.get(accountId, PetsResource.petId(id)).id();
        if (!streams.open(accountId, petId, lastEventId(lastEventId), Caller.token(security), sink, sse)) {
            throw new ProblemException(ProblemType.TOO_MANY_STREAMS, "this account has as many streams open as it "
                    + "may; close one first", Map.of("Retry-After", "15"));
        }
    }

    private static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Reported below, as a negative number is.
        }
        throw new ProblemException(ProblemType.INVALID_LAST_EVENT_ID, "Last-Event-ID must be the id of an event this "
                + "stream sent: a whole number");
    }
}
