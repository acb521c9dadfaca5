package io.petty.domain.feedback;

import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.BehaviorEvent;
import io.petty.domain.behavior.BehaviorEvents;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.pets.PetService;
import io.petty.domain.privacy.PiiRedactor;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Owners' feedback on their pets' events. Every method is scoped to the calling owner. */
@Dependent
public class FeedbackService {

    private final BehaviorEvents events;
    private final FeedbackRepository feedback;
    private final PetService pets;
    private final Provider<BehaviorEngine> engines;
    private final Clock clock;

    @Inject
    public FeedbackService(BehaviorEvents events, FeedbackRepository feedback, PetService pets,
                           Provider<BehaviorEngine> engines, Clock clock) {
        this.events = events;
        this.feedback = feedback;
        this.pets = pets;
        this.engines = engines;
        this.clock = clock;
    }

    /**
     * Stores the feedback, its note redacted, and marks the event so that every later analysis keeps it.
     *
     * @return the new feedback's id
     * @throws InvalidInputException naming every field that breaks a rule
     * @throws UnknownEventException when the event is not on a timeline of the owner's pets
     */
    @Transactional
    public UUID submit(UUID ownerId, FeedbackRequest request) {
        FeedbackRules.Checked checked = FeedbackRules.check(request, engines.get().behaviors());
        BehaviorEvent event = events.find(checked.eventId()).orElseThrow(UnknownEventException::new);
        try {
            pets.get(ownerId, event.petId());
        } catch (PetNotFoundException anotherOwners) {
            throw new UnknownEventException();
        }
        Instant now = clock.instant();
        // The event row is locked first, so that an analysis replacing it waits, and then keeps it.
        if (!events.review(event.id(), now, checked.verdict(), checked.correctedBehavior())) {
            throw new UnknownEventException();
        }
        UUID id = UUID.randomUUID();
        feedback.add(new Feedback(id, event.id(), ownerId, checked.verdict(), checked.correctedBehavior(),
                redacted(checked.note()), checked.segmentJson(), checked.observedAt(), now));
        return id;
    }

    /** The newest feedback on each of these events, for showing with them. */
    public Map<UUID, Feedback> latestOn(Collection<UUID> eventIds) {
        return eventIds.isEmpty() ? Map.of() : feedback.latestOn(eventIds);
    }

    /** Personal data never reaches storage; a placeholder may be longer than what it replaced, hence the cut. */
    private static String redacted(String note) {
        if (note == null) {
            return null;
        }
        String redacted = PiiRedactor.redact(note);
        int limit = FeedbackRules.MAX_NOTE_CHARACTERS;
        return redacted.codePointCount(0, redacted.length()) <= limit ? redacted
                : redacted.substring(0, redacted.offsetByCodePoints(0, limit));
    }
}
