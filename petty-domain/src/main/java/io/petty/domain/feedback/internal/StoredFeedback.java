package io.petty.domain.feedback.internal;

import io.petty.domain.behavior.Verdict;
import io.petty.domain.feedback.Feedback;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A row of {@code feedback}. Written once, never changed. */
@Entity
@Table(name = "feedback")
@NamedQuery(name = "StoredFeedback.onEvents", query = "SELECT f FROM StoredFeedback f WHERE f.eventId IN :events "
        + "ORDER BY f.submittedAt")
public class StoredFeedback {

    @Id
    private UUID id;
    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;
    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;
    @Column(updatable = false)
    private String verdict;
    @Column(name = "corrected_behavior", updatable = false)
    private String correctedBehavior;
    @Column(updatable = false)
    private String note;
    @Column(updatable = false)
    private String segment;
    @Column(name = "observed_at", updatable = false)
    private OffsetDateTime observedAt;
    @Column(name = "submitted_at", nullable = false, updatable = false)
    private OffsetDateTime submittedAt;

    /** For JPA. */
    protected StoredFeedback() {
    }

    StoredFeedback(Feedback feedback) {
        this.id = feedback.id();
        this.eventId = feedback.eventId();
        this.accountId = feedback.accountId();
        this.verdict = feedback.verdict() == null ? null : feedback.verdict().code();
        this.correctedBehavior = feedback.correctedBehavior();
        this.note = feedback.note();
        this.segment = feedback.segmentJson();
        this.observedAt = feedback.observedAt() == null ? null : feedback.observedAt().atOffset(ZoneOffset.UTC);
        this.submittedAt = feedback.submittedAt().atOffset(ZoneOffset.UTC);
    }

    UUID eventId() {
        return eventId;
    }

    Feedback feedback() {
        return new Feedback(id, eventId, accountId, verdict == null ? null : Verdict.ofCode(verdict).orElseThrow(),
                correctedBehavior, note, segment, observedAt == null ? null : observedAt.toInstant(),
                submittedAt.toInstant());
    }
}
