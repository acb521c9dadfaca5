package io.petty.domain.behavior;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The events the engine stored, as their pets' timelines read them. */
public interface BehaviorEvents {

    /** The pet's events that started in {@code [from, to)}, by start. */
    List<BehaviorEvent> ofPet(UUID petId, Instant from, Instant to);

    /** The pet's events still growing, newest first. */
    List<BehaviorEvent> openOfPet(UUID petId);

    Optional<BehaviorEvent> find(UUID eventId);

    /**
     * Records the owner's verdict on the event, which every later analysis keeps.
     *
     * @return false when there is no such event (any more)
     */
    boolean review(UUID eventId, Verdict verdict, String correctedBehavior);
}
