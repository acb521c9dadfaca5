package io.petty.api.telemetry;

import io.petty.api.http.RateLimited;
import io.petty.api.http.RequestIds;
import io.petty.api.identity.Caller;
import io.petty.domain.telemetry.IngestOutcome;
import io.petty.domain.telemetry.TelemetryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.InputStream;
import java.time.Instant;

/**
 * {@code POST /v1/ingest}: a collar reports a reading with its device token. A replay is accepted and not
 * stored again; a reading for another collar is refused.
 */
@Path("v1/ingest")
@ApplicationScoped
@RateLimited("ingest")
@RolesAllowed("collar")
public class IngestResource {

    private final ReadingDocuments documents;
    private final TelemetryService telemetry;

    @Inject
    public IngestResource(ReadingDocuments documents, TelemetryService telemetry) {
        this.documents = documents;
        this.telemetry = telemetry;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public IngestResource() {
        this(null, null);
    }

    /** @return 201 when the reading was stored now, 200 when it had been stored before */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response ingest(InputStream body, @Context HttpServletRequest request, @Context SecurityContext security) {
        IngestOutcome outcome = telemetry.ingest(documents.read(body), Caller.collarId(security),
                Instant.ofEpochSecond(Caller.token(security).getIssuedAtTime()));
        IngestReceipt receipt = new IngestReceipt(outcome.stored(), outcome.duplicates(), RequestIds.of(request));
        Response.Status status = outcome.stored() > 0 ? Response.Status.CREATED : Response.Status.OK;
        return Response.status(status).entity(receipt).build();
    }
}
