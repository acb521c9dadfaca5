package io.petty.api.pets;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.problem.ProblemException;
import io.petty.domain.pets.PetDraft;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.pets.PetService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.UUID;

/** {@code /v1/pets}: the caller's pets. Another owner's pet answers 404, exactly as a pet that does not exist. */
@Path("v1/pets")
@ApplicationScoped
@RateLimited("api")
@RolesAllowed("owner")
@Produces(MediaType.APPLICATION_JSON)
public class PetsResource {

    private final PetService pets;

    @Inject
    public PetsResource(PetService pets) {
        this.pets = pets;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public PetsResource() {
        this(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(PetDraft draft, @Context SecurityContext security, @Context UriInfo uri) {
        PetView pet = PetView.of(pets.create(Caller.accountId(security), ProblemException.requireBody(draft)));
        return Response.created(uri.getAbsolutePathBuilder().path(pet.id().toString()).build()).entity(pet).build();
    }

    @GET
    public List<PetView> list(@Context SecurityContext security) {
        return pets.list(Caller.accountId(security)).stream().map(PetView::of).toList();
    }

    @GET
    @Path("{id}")
    public PetView get(@PathParam("id") String id, @Context SecurityContext security) {
        return PetView.of(pets.get(Caller.accountId(security), petId(id)));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PetView update(@PathParam("id") String id, PetDraft changes, @Context SecurityContext security) {
        return PetView.of(pets.update(Caller.accountId(security), petId(id), ProblemException.requireBody(changes)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        pets.delete(Caller.accountId(security), petId(id));
        return Response.noContent().build();
    }

    /** A malformed id names no pet of the caller's: 404, like any other. */
    public static UUID petId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PetNotFoundException();
        }
    }

}
