package io.petty.api.compliance;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.problem.ProblemException;
import io.petty.domain.jobs.JobRun;
import io.petty.domain.jobs.Jobs;
import io.petty.domain.privacy.ExportRequest;
import io.petty.domain.privacy.Exports;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Data subjects' exports. A compliance officer asks for anyone's with a reason ({@code POST /v1/compliance/exports});
 * an owner for their own ({@code POST /v1/me/export}). Either answers {@code 202} with the export's
 * {@code Location}, {@code /v1/exports/{id}}, which shows its status to whoever asked (and to nobody else: 404),
 * and once written links the archive, {@code /v1/exports/{id}/archive}, downloadable for 7 days.
 */
@Path("v1")
@ApplicationScoped
@RateLimited("api")
@Produces(MediaType.APPLICATION_JSON)
public class ExportsResource {

    static final String SELF_SERVICE = "the data subject's own request (GDPR Art. 15)";

    private final Exports exports;
    private final Jobs jobs;
    private final Clock clock;

    @Inject
    public ExportsResource(Exports exports, Jobs jobs, Clock clock) {
        this.exports = exports;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public ExportsResource() {
        this(null, null, null);
    }

    @POST
    @Path("compliance/exports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("compliance-officer")
    public Response request(ExportRequestBody body, @Context SecurityContext security, @Context UriInfo uri) {
        ExportRequestBody request = ProblemException.requireBody(body);
        return accepted(exports.request(request.subjectId(), request.subjectEmail(), Caller.accountId(security),
                request.reason()), uri);
    }

    @POST
    @Path("me/export")
    @RolesAllowed("owner")
    public Response requestOwn(@Context SecurityContext security, @Context UriInfo uri) {
        UUID caller = Caller.accountId(security);
        return accepted(exports.request(caller.toString(), null, caller, SELF_SERVICE), uri);
    }

    @GET
    @Path("exports/{id}")
    @RolesAllowed({"owner", "compliance-officer"})
    public ExportView get(@PathParam("id") String id, @Context SecurityContext security, @Context UriInfo uri) {
        return view(exports.get(exportId(id), Caller.accountId(security)), uri);
    }

    @GET
    @Path("exports/{id}/archive")
    @Produces("application/zip")
    @RolesAllowed({"owner", "compliance-officer"})
    public Response archive(@PathParam("id") String id, @Context SecurityContext security) {
        UUID export = exportId(id);
        ExportRequest request = exports.downloadable(export, Caller.accountId(security));
        StreamingOutput archive = out -> exports.download(request, out);
        return Response.ok(archive, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"petty-export-" + export + ".zip\"")
                .header("Content-Length", request.archiveBytes()).build();
    }

    private Response accepted(ExportRequest request, UriInfo uri) {
        URI location = uri.getBaseUriBuilder().path("v1/exports/{id}").build(request.id());
        return Response.accepted(view(request, uri)).location(location).build();
    }

    private ExportView view(ExportRequest request, UriInfo uri) {
        JobRun run = request.executionId() == null ? null : jobs.current(request.executionId());
        URI archive = uri.getBaseUriBuilder().path("v1/exports/{id}/archive").build(request.id());
        return ExportView.of(request, run, archive, clock.instant());
    }

    private static UUID exportId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldViolation("id", "must be an export id (a UUID)")));
        }
    }
}
