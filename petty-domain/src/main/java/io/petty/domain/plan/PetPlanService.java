package io.petty.domain.plan;

import io.petty.domain.alerts.Alerts;
import io.petty.domain.behavior.BehaviorDays;
import io.petty.domain.behavior.TimelineService;
import io.petty.domain.collars.CollarRepository;
import io.petty.domain.collars.UnknownCollarException;
import io.petty.domain.pets.Pet;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.pets.PetService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The plan of one of the caller's pets, from its profile, the engine's day summaries and its health alerts. */
@Dependent
public class PetPlanService {

    private static final Duration HEALTH_NOTES_OVER = Duration.ofDays(7);

    private final PetService pets;
    private final TimelineService timelines;
    private final CollarRepository collars;
    private final BehaviorDays days;
    private final Alerts alerts;
    private final Clock clock;

    @Inject
    public PetPlanService(PetService pets, TimelineService timelines, CollarRepository collars, BehaviorDays days,
                          Alerts alerts, Clock clock) {
        this.pets = pets;
        this.timelines = timelines;
        this.collars = collars;
        this.days = days;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** @throws PetNotFoundException when the owner has no such pet */
    public PetPlan ofPet(UUID ownerId, UUID petId) {
        Pet pet = pets.get(ownerId, petId);
        return plan(pet, collars.wornBy(pet.id()).orElse(null));
    }

    /** @throws UnknownCollarException when no pet of the owner's wears the collar */
    public PetPlan ofCollar(UUID ownerId, String collarId) {
        Pet pet = timelines.wearer(ownerId, collarId);
        return plan(pet, collarId);
    }

    private PetPlan plan(Pet pet, String collarId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), pet.timeZone());
        ActivityGoal activity = ActivityGoal.of(pet.species(), pet.bodyConditionScore(), today,
                days.ofPet(pet.id(), today.minusDays(ActivityGoal.DAYS), today));
        EnergyRequirement energy = pet.weightKg() == null ? null
                : EnergyRequirement.of(pet.weightKg(), pet.bodyConditionScore(), activity.averageMinutes());
        return new PetPlan(pet, collarId, energy, activity, healthNotes(pet));
    }

    /** One note per health alert open at any time in the last 7 days, oldest first, dated in the pet's zone. */
    private List<String> healthNotes(Pet pet) {
        Instant now = clock.instant();
        return alerts.ofPetDuring(pet.id(), now.minus(HEALTH_NOTES_OVER), now).stream()
                .filter(alert -> alert.kind().health())
                .map(alert -> LocalDate.ofInstant(alert.openedAt(), pet.timeZone()) + ": "
                        + alert.kind().wireName().replace('_', ' ') + " (" + alert.openedDetail() + ")"
                        + (alert.resolvedAt() == null ? ", still open" : ""))
                .toList();
    }
}
