package io.petty.api.compliance;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.problem.ProblemException;
import io.petty.domain.jobs.JobRun;
import io.petty.domain.jobs.Jobs;
import io.petty.domain.privacy.ErasureRequest;
import io.petty.domain.privacy.Erasures;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Data subjects' erasures. A compliance officer erases anyone with a reason ({@code POST /v1/compliance/erasures},
 * {@code 202} with the {@code Location} of the erasure, which only that officer reads); an owner erases their own
 * account by confirming the password ({@code DELETE /v1/me}, {@code 202}: every token of the account is refused as
 * the job starts its work).
 */
@Path("v1")
@ApplicationScoped
@RateLimited("api")
@Produces(MediaType.APPLICATION_JSON)
public class ErasuresResource {

    private final Erasures erasures;
    private final Jobs jobs;

    @Inject
    public ErasuresResource(Erasures erasures, Jobs jobs) {
        this.erasures = erasures;
        this.jobs = jobs;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public ErasuresResource() {
        this(null, null);
    }

    @POST
    @Path("compliance/erasures")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("compliance-officer")
    public Response request(ErasureRequestBody body, @Context SecurityContext security, @Context UriInfo uri) {
        ErasureRequestBody request = ProblemException.requireBody(body);
        ErasureRequest started = erasures.request(request.subjectId(), request.subjectEmail(),
                Caller.accountId(security), request.reason());
        URI location = uri.getBaseUriBuilder().path("v1/compliance/erasures/{id}").build(started.id());
        return Response.accepted(view(started)).location(location).build();
    }

    @GET
    @Path("compliance/erasures/{id}")
    @RolesAllowed("compliance-officer")
    public ErasureView get(@PathParam("id") String id, @Context SecurityContext security) {
        return view(erasures.get(erasureId(id), Caller.accountId(security)));
    }

    @DELETE
    @Path("me")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("owner")
    public Response eraseOwn(PasswordConfirmation body, @Context SecurityContext security) {
        PasswordConfirmation confirmation = ProblemException.requireBody(body);
        return Response.accepted(view(erasures.eraseOwn(Caller.accountId(security), confirmation.password())))
                .build();
    }

    private ErasureView view(ErasureRequest request) {
        JobRun run = request.executionId() == null ? null : jobs.current(request.executionId());
        return ErasureView.of(request, run);
    }

    private static UUID erasureId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldViolation("id", "must be an erasure id (a UUID)")));
        }
    }
}
