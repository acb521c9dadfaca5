package io.petty.api.webhooks;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.problem.ProblemException;
import io.petty.domain.webhooks.RegisteredWebhook;
import io.petty.domain.webhooks.UnknownWebhookException;
import io.petty.domain.webhooks.WebhookService;
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

import java.util.List;
import java.util.UUID;

/**
 * {@code /v1/me/webhooks}: the caller's endpoints for alerts while the app is closed. {@code POST} registers one and
 * answers its signing secret, this once; {@code GET} lists them; {@code DELETE /{id}} removes one (another owner's
 * answers 404).
 */
@Path("v1/me/webhooks")
@ApplicationScoped
@RateLimited("api")
@RolesAllowed("owner")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    private final WebhookService webhooks;

    @Inject
    public WebhooksResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public WebhooksResource() {
        this(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(WebhookRequest request, @Context SecurityContext security, @Context UriInfo uri) {
        RegisteredWebhook registered = webhooks.register(Caller.accountId(security),
                ProblemException.requireBody(request).draft());
        return Response.created(uri.getAbsolutePathBuilder().path(registered.endpoint().id().toString()).build())
                .entity(WebhookView.of(registered.endpoint(), registered.secret())).build();
    }

    @GET
    public List<WebhookView> list(@Context SecurityContext security) {
        return webhooks.list(Caller.accountId(security)).stream().map(endpoint -> WebhookView.of(endpoint, null))
                .toList();
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id, @Context SecurityContext security) {
        webhooks.remove(Caller.accountId(security), endpointId(id));
        return Response.noContent().build();
    }

    private static UUID endpointId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new UnknownWebhookException();
        }
    }
}
