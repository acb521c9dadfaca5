package io.petty.domain.feedback;

import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.BehaviorEvent;
import io.petty.domain.behavior.BehaviorEvents;
import io.petty.domain.behavior.Verdict;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.pets.PetService;
import io.petty.domain.platform.AfterCommit;
import io.petty.domain.platform.TaggedCounter;
import io.petty.domain.privacy.PiiRedactor;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Owners' feedback on their pets' events. Every method is scoped to the calling owner. Feedback stored is counted
 * by verdict (Prometheus: {@code petty_feedback_total{verdict}}): the share of incorrect ones is the engine's error
 * rate as owners see it.
 */
@Dependent
public class FeedbackService {

    private static final Metadata FEEDBACK = Metadata.builder().withName("petty.feedback")
            .withDescription("Owners' feedback on events, by verdict: correct or incorrect").build();

    private final BehaviorEvents events;
    private final FeedbackRepository feedback;
    private final PetService pets;
    private final Provider<BehaviorEngine> engines;
    private final Clock clock;
    private final AfterCommit afterCommit;
    private final TaggedCounter verdicts;

    @Inject
    public FeedbackService(BehaviorEvents events, FeedbackRepository feedback, PetService pets,
                           Provider<BehaviorEngine> engines, Clock clock, AfterCommit afterCommit,
                           MetricRegistry registry) {
        this.events = events;
        this.feedback = feedback;
        this.pets = pets;
        this.engines = engines;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.verdicts = new TaggedCounter(registry, FEEDBACK, "verdict",
                Arrays.stream(Verdict.values()).map(Verdict::code));
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
        afterCommit.run(() -> verdicts.inc(checked.verdict().code()));
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
