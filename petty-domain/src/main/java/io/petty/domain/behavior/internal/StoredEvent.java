package io.petty.domain.behavior.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** A row of {@code behavior_event}: an event as the engine found it, and the owner's verdict on it. */
@Entity
@Table(name = "behavior_event")
@NamedQuery(name = "StoredEvent.ofCollarsFrom", query = "SELECT e FROM StoredEvent e WHERE e.collarId IN :collars "
        + "AND e.startedAt >= :from")
@NamedQuery(name = "StoredEvent.openOfCollars", query = "SELECT e FROM StoredEvent e WHERE e.collarId IN :collars "
        + "AND e.open = true")
@NamedQuery(name = "StoredEvent.ofPetBetween", query = "SELECT e FROM StoredEvent e WHERE e.petId = :pet "
        + "AND e.startedAt >= :from AND e.startedAt < :to ORDER BY e.startedAt, e.kind DESC, e.behavior")
@NamedQuery(name = "StoredEvent.openOfPet", query = "SELECT e FROM StoredEvent e WHERE e.petId = :pet "
        + "AND e.open = true ORDER BY e.startedAt DESC")
public class StoredEvent {

    @Id
    private UUID id;
    @Column(name = "pet_id", nullable = false, updatable = false)
    private UUID petId;
    @Column(name = "collar_id", nullable = false, updatable = false)
    private String collarId;
    @Column(nullable = false)
    private String kind;
    @Column(nullable = false)
    private String behavior;
    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;
    @Column(name = "ended_at", nullable = false)
    private OffsetDateTime endedAt;
    @Column(nullable = false)
    private double confidence;
    @Column(name = "distance_m")
    private Double distanceM;
    @Column(nullable = false)
    private String detector;
    @Column(name = "detector_version", nullable = false)
    private String detectorVersion;
    @Column(nullable = false)
    private String evidence;
    @Column(nullable = false)
    private boolean open;
    @Column(name = "reviewed_at")
    private OffsetDateTime reviewedAt;
    @Column(name = "owner_verdict")
    private String ownerVerdict;
    @Column(name = "corrected_behavior")
    private String correctedBehavior;
    @Column(name = "analysed_at", nullable = false)
    private OffsetDateTime analysedAt;

    /** For JPA. */
    protected StoredEvent() {
    }

    StoredEvent(UUID id, UUID petId, String collarId) {
        this.id = Objects.requireNonNull(id, "id is required.");
        this.petId = Objects.requireNonNull(petId, "petId is required.");
        this.collarId = Objects.requireNonNull(collarId, "collarId is required.");
    }

    /** Takes what the engine found now; the owner's verdict stays. @return whether anything changed */
    boolean found(String kind, String behavior, OffsetDateTime startedAt, OffsetDateTime endedAt, double confidence,
                  Double distanceM, String detector, String detectorVersion, String evidence, boolean open,
                  OffsetDateTime analysedAt) {
        boolean same = kind.equals(this.kind) && behavior.equals(this.behavior) && startedAt.isEqual(orMin(this.startedAt))
                && endedAt.isEqual(orMin(this.endedAt)) && confidence == this.confidence
                && Objects.equals(distanceM, this.distanceM) && detector.equals(this.detector)
                && detectorVersion.equals(this.detectorVersion) && evidence.equals(this.evidence) && open == this.open;
        if (same) {
            return false;
        }
        this.kind = kind;
        this.behavior = behavior;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
        this.confidence = confidence;
        this.distanceM = distanceM;
        this.detector = detector;
        this.detectorVersion = detectorVersion;
        this.evidence = evidence;
        this.open = open;
        this.analysedAt = analysedAt;
        return true;
    }

    private static OffsetDateTime orMin(OffsetDateTime time) {
        return time == null ? OffsetDateTime.MIN : time;
    }

    /** The owner gave feedback; a verdict (and what it was instead) replaces any earlier one, a note alone does not. */
    void reviewed(OffsetDateTime at, String verdict, String correctedBehavior) {
        this.reviewedAt = at;
        if (verdict != null) {
            this.ownerVerdict = verdict;
            this.correctedBehavior = correctedBehavior;
        }
    }

    /** Whether it belongs to the unit of this collar and pet that starts at {@code from}, before {@code to}. */
    boolean inUnit(String collarId, UUID petId, OffsetDateTime from, OffsetDateTime to) {
        return this.collarId.equals(collarId) && this.petId.equals(petId) && !startedAt.isBefore(from)
                && startedAt.isBefore(to);
    }

    /** Whether this event lies within {@code [start, end]}. */
    boolean within(OffsetDateTime start, OffsetDateTime end) {
        return !start.isAfter(startedAt) && !end.isBefore(endedAt);
    }

    /** An event the owner gave feedback on is kept by every later analysis. */
    boolean reviewed() {
        return reviewedAt != null;
    }

    UUID id() {
        return id;
    }

    UUID petId() {
        return petId;
    }

    String collarId() {
        return collarId;
    }

    String kind() {
        return kind;
    }

    String behavior() {
        return behavior;
    }

    OffsetDateTime startedAt() {
        return startedAt;
    }

    OffsetDateTime endedAt() {
        return endedAt;
    }

    double confidence() {
        return confidence;
    }

    Double distanceM() {
        return distanceM;
    }

    String detector() {
        return detector;
    }

    String detectorVersion() {
        return detectorVersion;
    }

    String evidence() {
        return evidence;
    }

    boolean open() {
        return open;
    }

    OffsetDateTime reviewedAt() {
        return reviewedAt;
    }

    String ownerVerdict() {
        return ownerVerdict;
    }

    String correctedBehavior() {
        return correctedBehavior;
    }
}
