package io.petty.domain.behavior;

import io.petty.domain.collars.CollarIds;
import io.petty.domain.collars.CollarPairings;
import io.petty.domain.collars.CollarRepository;
import io.petty.domain.collars.Pairing;
import io.petty.domain.collars.UnknownCollarException;
import io.petty.domain.pets.Pet;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.pets.PetService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What owners read of the engine's work: a pet's day, and what it is doing now. Scoped to the calling owner. Each day
 * served is counted (Prometheus: {@code petty_timelines_served_total}).
 */
@Dependent
public class TimelineService {

    private static final Metadata SERVED = Metadata.builder().withName("petty.timelines.served")
            .withDescription("Timelines (a pet's day) served to owners").build();

    private final PetService pets;
    private final CollarPairings pairings;
    private final CollarRepository collars;
    private final BehaviorEvents events;
    private final BehaviorDays days;
    private final Provider<BehaviorEngine> engines;
    private final Clock clock;
    private final Counter served;

    @Inject
    public TimelineService(PetService pets, CollarPairings pairings, CollarRepository collars, BehaviorEvents events,
                           BehaviorDays days, Provider<BehaviorEngine> engines, Clock clock, MetricRegistry registry) {
        this.pets = pets;
        this.pairings = pairings;
        this.collars = collars;
        this.events = events;
        this.days = days;
        this.engines = engines;
        this.clock = clock;
        this.served = registry.counter(SERVED);
    }

    /**
     * @param date the pet's local day; null for today where the pet lives
     * @throws PetNotFoundException when the owner has no such pet
     */
    public Timeline ofPet(UUID ownerId, UUID petId, LocalDate date) {
        Pet pet = pets.get(ownerId, petId);
        return timeline(pet, collars.wornBy(pet.id()).orElse(null), date);
    }

    /**
     * The timeline of the pet wearing the collar now.
     *
     * @throws UnknownCollarException when no pet of the owner's wears it
     */
    public Timeline ofCollar(UUID ownerId, String collarId, LocalDate date) {
        return timeline(wearer(ownerId, collarId), collarId, date);
    }

    /** The pet of the owner's that wears the collar now. @throws UnknownCollarException when none does */
    public Pet wearer(UUID ownerId, String collarId) {
        String collar = CollarIds.require(collarId, "collar_id");
        UUID petId = pairings.current(collar).map(Pairing::petId).orElseThrow(() -> new UnknownCollarException(collar));
        try {
            return pets.get(ownerId, petId);
        } catch (PetNotFoundException anotherOwners) {
            throw new UnknownCollarException(collar);
        }
    }

    /**
     * The event the pet is in now: of those still growing and recent enough to be (within the engine's gap), a
     * behavior before the session it is part of.
     */
    public Optional<CurrentBehavior> current(UUID petId) {
        Instant recent = clock.instant().minus(engines.get().settings().maxGap());
        return events.openOfPet(petId).stream()
                .filter(event -> !event.end().isBefore(recent))
                .min(Comparator.comparing((BehaviorEvent event) -> event.kind() == EventKind.BEHAVIOR ? 0 : 1)
                        .thenComparing(BehaviorEvent::start, Comparator.reverseOrder()))
                .map(event -> new CurrentBehavior(event.id(), event.shownBehavior(), event.kind(), event.start(),
                        event.confidence()));
    }

    private Timeline timeline(Pet pet, String collarId, LocalDate date) {
        Instant now = clock.instant();
        LocalDate day = date != null ? date : LocalDate.ofInstant(now, pet.timeZone());
        Instant from = day.atStartOfDay(pet.timeZone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(pet.timeZone()).toInstant();
        List<BehaviorEvent> found = events.ofPet(pet.id(), from, to);
        DaySummary summary = days.ofPet(pet.id(), day, day).getOrDefault(day, DaySummary.EMPTY);
        BehaviorEngine engine = engines.get();
        Map<String, String> sources = engine.detectors().stream()
                .collect(Collectors.toMap(Detector::name, Detector::source));
        Timeline timeline = new Timeline(pet.id(), collarId, day, pet.timeZone(), found, summary, engine.version(), now,
                now.minus(engine.settings().maxGap()), sources);
        served.inc();
        return timeline;
    }
}
