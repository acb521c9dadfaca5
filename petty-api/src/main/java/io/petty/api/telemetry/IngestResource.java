package io.petty.api.telemetry;

import io.petty.api.correlation.RequestIds;
import io.petty.api.http.BodyLimit;
import io.petty.api.http.IdempotentRequests;
import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.domain.telemetry.BatchOutcome;
import io.petty.domain.telemetry.IngestOutcome;
import io.petty.domain.telemetry.Sender;
import io.petty.domain.telemetry.TelemetryService;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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
 * {@code POST /v1/ingest}: a collar reports a reading, or a batch of up to 1,000, with its device token. A
 * replay is accepted and not stored again; a reading for another collar is refused; refused readings are kept
 * as dead letters.
 */
@Path("v1/ingest")
@ApplicationScoped
@RateLimited("ingest")
@RolesAllowed("collar")
public class IngestResource {

    private final ReadingDocuments documents;
    private final TelemetryService telemetry;
    private final IngestGate gate;
    private final IdempotentRequests idempotency;

    @Inject
    public IngestResource(ReadingDocuments documents, TelemetryService telemetry, IngestGate gate,
                          IdempotentRequests idempotency) {
        this.documents = documents;
        this.telemetry = telemetry;
        this.gate = gate;
        this.idempotency = idempotency;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public IngestResource() {
        this(null, null, null, null);
    }

    /**
     * @param idempotencyKey optional: a retry with the same key and body gets the first answer again
     * @return 201 when something was stored now, 200 when everything had been stored before; a batch answers
     *         for each reading, and is refused with 422 only when none of its readings is valid
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response ingest(InputStream body, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
                           @Context HttpServletRequest request, @Context SecurityContext security) {
        Sender sender = new Sender(Caller.collarId(security),
                Instant.ofEpochSecond(Caller.token(security).getIssuedAtTime()), RequestIds.of(request));
        try (IngestGate.Permit inFlight = gate.claim(sender.collarId())) {
            byte[] bytes = BodyLimit.readAll(body);
            try (IngestGate.Permit permit = gate.enter(bytes.length)) {
                if (idempotencyKey == null) {
                    return ingest(bytes, sender);
                }
                return idempotency.answer(sender.collarId(), idempotencyKey, bytes, () -> ingest(bytes, sender));
            }
        }
    }

    private Response ingest(byte[] body, Sender sender) {
        ReadingDocuments.IngestDocument document = documents.read(body);
        if (document instanceof ReadingDocuments.Single single) {
            IngestOutcome outcome = telemetry.ingest(single.item(), sender);
            return respond(outcome.stored() > 0,
                    new IngestReceipt(outcome.stored(), outcome.duplicates(), sender.requestId()));
        }
        BatchOutcome outcome = telemetry.ingestBatch(((ReadingDocuments.Batch) document).items(), sender);
        if (outcome.count(BatchOutcome.Status.REJECTED) == outcome.items().size()) {
            throw new InvalidInputException(outcome.items().stream()
                    .flatMap(item -> item.errors().stream().map(error -> new FieldViolation(
                            "readings[" + item.index() + "]." + error.field(), error.message())))
                    .toList());
        }
        return respond(outcome.count(BatchOutcome.Status.STORED) > 0, BatchReceipt.of(outcome, sender.requestId()));
    }

    private static Response respond(boolean storedSomething, Object receipt) {
        return Response.status(storedSomething ? Response.Status.CREATED : Response.Status.OK).entity(receipt).build();
    }
}
