package io.petty.api.alerts;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.pets.PetsResource;
import io.petty.domain.alerts.AlertService;
import io.petty.domain.alerts.AlertState;
import io.petty.domain.alerts.UnknownAlertException;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code GET /v1/alerts?pet_id=&state=open|acknowledged|resolved}: a pet's alert episodes, newest first, and
 * {@code POST /v1/alerts/{id}/acknowledge}. Another owner's pet or alert answers 404, as one that does not exist.
 */
@Path("v1/alerts")
@ApplicationScoped
@RateLimited("api")
@RolesAllowed("owner")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    private final AlertService alerts;

    @Inject
    public AlertsResource(AlertService alerts) {
        this.alerts = alerts;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public AlertsResource() {
        this(null);
    }

    @GET
    public List<AlertView> ofPet(@QueryParam("pet_id") String petId, @QueryParam("state") String state,
                                 @Context SecurityContext security) {
        if (petId == null) {
            throw new InvalidInputException(List.of(new FieldViolation("pet_id", "is required")));
        }
        return alerts.ofPet(Caller.accountId(security), PetsResource.petId(petId), state(state)).stream()
                .map(AlertView::of).toList();
    }

    @POST
    @Path("{id}/acknowledge")
    public AlertView acknowledge(@PathParam("id") String id, @Context SecurityContext security) {
        return AlertView.of(alerts.acknowledge(Caller.accountId(security), alertId(id)));
    }

    private static AlertState state(String state) {
        if (state == null) {
            return null;
        }
        try {
            return AlertState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldViolation("state",
                    "must be open, acknowledged or resolved")));
        }
    }

    private static UUID alertId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new UnknownAlertException();
        }
    }
}
