package io.petty.api.behavior;

import io.petty.api.http.BodyLimit;
import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.domain.feedback.FeedbackService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.InputStream;
import java.util.UUID;

/**
 * {@code POST /v1/submit-feedback}: the owner's verdict on an event of one of their pets' timelines ({@code correct}
 * or {@code incorrect}, with what it was instead), or a note, as the original app sends it. Another owner's event
 * answers 404, as an event that does not exist.
 */
@Path("v1/submit-feedback")
@ApplicationScoped
@RateLimited("feedback")
@RolesAllowed("owner")
public class FeedbackResource {

    /** The answer: the new feedback's id. */
    public record Submitted(UUID feedbackId) {
    }

    private final FeedbackService feedback;

    @Inject
    public FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public FeedbackResource() {
        this(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(InputStream body, @Context SecurityContext security) {
        UUID id = feedback.submit(Caller.accountId(security), FeedbackDocument.read(BodyLimit.readAll(body)));
        return Response.status(Response.Status.CREATED).entity(new Submitted(id)).build();
    }
}
