package io.petty.api.telemetry;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.domain.alerts.Alerts;
import io.petty.domain.behavior.TimelineService;
import io.petty.domain.telemetry.LatestReading;
import io.petty.domain.telemetry.TelemetryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Clock;
import java.util.UUID;

/**
 * {@code GET /v1/realtime?collar_id=}: the latest reading of a collar worn by one of the caller's pets, and what the
 * pet is doing now.
 */
@Path("v1/realtime")
@ApplicationScoped
@RateLimited("api")
@RolesAllowed("owner")
public class RealtimeResource {

    private final TelemetryService telemetry;
    private final TimelineService behavior;
    private final Alerts alerts;
    private final Clock clock;

    @Inject
    public RealtimeResource(TelemetryService telemetry, TimelineService behavior, Alerts alerts, Clock clock) {
        this.telemetry = telemetry;
        this.behavior = behavior;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public RealtimeResource() {
        this(null, null, null, null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ReadingView latest(@QueryParam("collar_id") String collarId, @Context SecurityContext security) {
        UUID owner = Caller.accountId(security);
        LatestReading latest = telemetry.latest(collarId, owner);
        return ReadingView.of(latest.reading(), behavior.current(latest.petId()).orElse(null),
                // The pet is the caller's: latest() found the collar among the caller's pets' in the same query.
                alerts.unresolvedOfPet(latest.petId()), clock.instant());
    }
}
