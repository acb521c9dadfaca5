package io.petty.api.admin;

import io.petty.api.http.QueryParams;
import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.problem.ProblemException;
import io.petty.domain.behavior.Reanalyses;
import io.petty.domain.jobs.JobRun;
import io.petty.domain.jobs.Jobs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/admin/jobs}: the batch jobs' runs, newest first, from every server (the job repository is shared), a
 * failed or stopped run restarted from its last checkpoint; {@code POST /v1/admin/reanalysis} to analyse a range of
 * days again now, and {@code POST /v1/admin/retention} to run the daily retention job now. Starting answers
 * {@code 202} with the run's {@code Location}.
 */
@Path("v1/admin")
@ApplicationScoped
@RateLimited("api")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    static final int MAX_LIMIT = 500;

    private final Jobs jobs;
    private final Reanalyses reanalyses;
    private final Clock clock;

    @Inject
    public JobsResource(Jobs jobs, Reanalyses reanalyses, Clock clock) {
        this.jobs = jobs;
        this.reanalyses = reanalyses;
        this.clock = clock;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public JobsResource() {
        this(null, null, null);
    }

    /** The pets' local days to analyse again, {@code from} to {@code to} inclusive (ISO dates). */
    public record ReanalysisBody(String from, String to) {
    }

    /**
     * @param durationMs from start to end, or until now while it runs; absent before it starts
     * @param counts     items read, written, skipped, committed... summed over its steps
     */
    public record JobView(long executionId, String job, String status, String exitStatus, Instant createdAt,
                          Instant startedAt, Instant endedAt, Long durationMs, Map<String, Long> counts,
                          Map<String, String> parameters, boolean restartable) {

        static JobView of(JobRun run, Instant now) {
            var duration = run.duration(now);
            return new JobView(run.executionId(), run.job(), run.status(), run.exitStatus(), run.createdAt(),
                    run.startedAt(), run.endedAt(), duration == null ? null : duration.toMillis(), run.counts(),
                    run.parameters(), run.restartable());
        }
    }

    public record JobList(List<JobView> jobs) {
    }

    @GET
    @Path("jobs")
    public JobList list(@QueryParam("limit") @DefaultValue("50") String limit) {
        int size = (int) QueryParams.wholeNumber(limit, "limit", 1, MAX_LIMIT);
        Instant now = clock.instant();
        return new JobList(jobs.recent(size).stream().map(run -> JobView.of(run, now)).toList());
    }

    @GET
    @Path("jobs/{id}")
    public JobView get(@PathParam("id") String id) {
        return JobView.of(jobs.run(executionId(id)), clock.instant());
    }

    @POST
    @Path("jobs/{id}/restart")
    public Response restart(@PathParam("id") String id, @Context SecurityContext security, @Context UriInfo uri) {
        return accepted(jobs.restart(executionId(id), Caller.accountId(security).toString()), uri);
    }

    @POST
    @Path("reanalysis")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reanalysis(ReanalysisBody body, @Context SecurityContext security, @Context UriInfo uri) {
        ReanalysisBody days = ProblemException.requireBody(body);
        return accepted(reanalyses.start(days.from(), days.to(), Caller.accountId(security)), uri);
    }

    @POST
    @Path("retention")
    public Response retention(@Context SecurityContext security, @Context UriInfo uri) {
        return accepted(jobs.start(Jobs.RETENTION, Map.of(), Caller.accountId(security).toString()), uri);
    }

    private Response accepted(long execution, UriInfo uri) {
        return Response.accepted(JobView.of(jobs.run(execution), clock.instant()))
                .location(uri.getBaseUriBuilder().path("v1/admin/jobs/{id}").build(execution)).build();
    }

    private static long executionId(String id) {
        return QueryParams.wholeNumber(id, "id", 1, Long.MAX_VALUE);
    }
}
