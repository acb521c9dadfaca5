package io.petty.domain.feedback;

import io.petty.domain.behavior.Verdict;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One piece of an owner's feedback on an event, as stored.
 *
 * @param verdict     null for a note without one (what the original app sends)
 * @param note        with personal data redacted; null when none was given
 * @param segmentJson the stretch of data the app attached, as JSON text; null when none
 * @param observedAt  when the owner says it happened or was seen; null when not said
 */
public record Feedback(UUID id, UUID eventId, UUID accountId, Verdict verdict, String correctedBehavior, String note,
                       String segmentJson, Instant observedAt, Instant submittedAt) {

    public Feedback {
        Objects.requireNonNull(id, "id is required.");
        Objects.requireNonNull(eventId, "eventId is required.");
        Objects.requireNonNull(accountId, "accountId is required.");
        Objects.requireNonNull(submittedAt, "submittedAt is required.");
    }
}
