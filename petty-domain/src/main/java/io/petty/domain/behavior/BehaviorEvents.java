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
     * Records that the owner gave feedback on the event, with the verdict if it had one: every later analysis keeps
     * the event. Joins the caller's transaction, so that the feedback and the mark are stored together.
     *
     * @param verdict null for a note without a verdict
     * @return false when there is no such event (any more)
     */
    boolean review(UUID eventId, Instant at, Verdict verdict, String correctedBehavior);
}
