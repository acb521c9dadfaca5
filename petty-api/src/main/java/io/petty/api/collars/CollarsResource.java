package io.petty.api.collars;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.pets.PetsResource;
import io.petty.api.problem.ProblemException;
import io.petty.domain.collars.CollarService;
import io.petty.domain.collars.Pairing;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code /v1/collars}: putting a collar on one of the caller's pets, with the claim code printed on it, and taking it
 * off again.
 */
@Path("v1/collars")
@ApplicationScoped
@RateLimited("api")
@RolesAllowed("owner")
public class CollarsResource {

    /** What pairing asks for. */
    public record PairRequest(String collarId, String claimCode, String petId) {
        @Override
        public String toString() {
            return "PairRequest[" + collarId + ", redacted, " + petId + "]";
        }
    }

    /** What pairing answers. */
    public record Paired(String collarId, UUID petId, Instant pairedAt) {
    }

    private final CollarService collars;

    @Inject
    public CollarsResource(CollarService collars) {
        this.collars = collars;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public CollarsResource() {
        this(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response pair(PairRequest request, @Context SecurityContext security) {
        PairRequest given = ProblemException.requireBody(request);
        Pairing pairing = collars.pair(Caller.accountId(security), given.collarId(), given.claimCode(),
                PetsResource.petId(given.petId()));
        return Response.status(Response.Status.CREATED)
                .entity(new Paired(pairing.collarId(), pairing.petId(), pairing.credentialsFrom())).build();
    }

    @DELETE
    @Path("{id}")
    public Response unpair(@PathParam("id") String collarId, @Context SecurityContext security) {
        collars.unpair(Caller.accountId(security), collarId);
        return Response.noContent().build();
    }
}
