package io.petty.api.behavior;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.pets.PetQuery;
import io.petty.domain.alerts.Alerts;
import io.petty.domain.behavior.BehaviorEvent;
import io.petty.domain.behavior.Timeline;
import io.petty.domain.behavior.TimelineService;
import io.petty.domain.feedback.FeedbackService;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
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

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /v1/pet-timeline?collar_id=|pet_id=&date=}: one local day of one of the caller's pets, today where the
 * pet lives unless {@code date} says otherwise. A day without data is empty, not an error.
 */
@Path("v1/pet-timeline")
@ApplicationScoped
@RateLimited("timeline")
@RolesAllowed("owner")
public class TimelineResource {

    private final TimelineService timelines;
    private final FeedbackService feedback;
    private final Alerts alerts;

    @Inject
    public TimelineResource(TimelineService timelines, FeedbackService feedback, Alerts alerts) {
        this.timelines = timelines;
        this.feedback = feedback;
        this.alerts = alerts;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public TimelineResource() {
        this(null, null, null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TimelineView timeline(@QueryParam("collar_id") String collarId, @QueryParam("pet_id") String petId,
                                 @QueryParam("date") String date, @Context SecurityContext security) {
        LocalDate day = date == null ? null : date(date);
        PetQuery pet = PetQuery.of(collarId, petId);
        Timeline timeline = pet.byCollar() ? timelines.ofCollar(Caller.accountId(security), pet.collarId(), day)
                : timelines.ofPet(Caller.accountId(security), pet.petId(), day);
        List<UUID> reviewed = timeline.events().stream().filter(event -> event.reviewedAt() != null)
                .map(BehaviorEvent::id).toList();
        ZonedDateTime dayStart = timeline.date().atStartOfDay(timeline.zone());
        return TimelineView.of(timeline, feedback.latestOn(reviewed),
                // The pet is the caller's: the timeline was read for the caller.
                alerts.ofPetDuring(timeline.petId(), dayStart.toInstant(), dayStart.plusDays(1).toInstant()));
    }

    private static LocalDate date(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(List.of(new FieldViolation("date", "must be a date such as 2026-11-25")));
        }
    }
}
