package io.petty.domain.alerts.internal;

import io.petty.domain.alerts.Alert;
import io.petty.domain.alerts.AlertKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A row of {@code alert}. */
@Entity
@Table(name = "alert")
@NamedQuery(name = "StoredAlert.openOfPet", query = "SELECT a FROM StoredAlert a WHERE a.petId = :pet "
        + "AND a.kind = :kind AND a.resolvedAt IS NULL")
@NamedQuery(name = "StoredAlert.ofPet", query = "SELECT a FROM StoredAlert a WHERE a.petId = :pet "
        + "ORDER BY a.openedAt DESC, a.kind")
@NamedQuery(name = "StoredAlert.unresolvedOfPet", query = "SELECT a FROM StoredAlert a WHERE a.petId = :pet "
        + "AND a.resolvedAt IS NULL ORDER BY a.openedAt DESC, a.kind")
@NamedQuery(name = "StoredAlert.ofPetDuring", query = "SELECT a FROM StoredAlert a WHERE a.petId = :pet "
        + "AND a.openedAt < :to AND (a.resolvedAt IS NULL OR a.resolvedAt >= :from) ORDER BY a.openedAt, a.kind")
public class StoredAlert {

    @Id
    private UUID id;
    @Column(name = "pet_id", nullable = false, updatable = false)
    private UUID petId;
    @Column(name = "collar_id", nullable = false, updatable = false)
    private String collarId;
    @Column(nullable = false, updatable = false)
    private String kind;
    @Column(name = "opened_at", nullable = false, updatable = false)
    private OffsetDateTime openedAt;
    @Column(name = "opened_detail", nullable = false, updatable = false)
    private String openedDetail;
    @Column(name = "resolved_at")
    private OffsetDateTime resolvedAt;
    @Column(name = "resolved_detail")
    private String resolvedDetail;
    @Column(name = "acknowledged_at")
    private OffsetDateTime acknowledgedAt;

    /** For JPA. */
    protected StoredAlert() {
    }

    StoredAlert(UUID id, UUID petId, String collarId, AlertKind kind, Instant openedAt, String openedDetail) {
        this.id = id;
        this.petId = petId;
        this.collarId = collarId;
        this.kind = kind.wireName();
        this.openedAt = utc(openedAt);
        this.openedDetail = openedDetail;
    }

    void resolve(Instant at, String detail) {
        resolvedAt = utc(at);
        resolvedDetail = detail;
    }

    /** The first acknowledgement is the one kept. */
    void acknowledge(Instant at) {
        if (acknowledgedAt == null) {
            acknowledgedAt = utc(at);
        }
    }

    Alert alert() {
        return new Alert(id, petId, collarId, kindOf(kind), openedAt.toInstant(), openedDetail, instant(resolvedAt),
                resolvedDetail, instant(acknowledgedAt));
    }

    private static AlertKind kindOf(String wireName) {
        return AlertKind.ofWireName(wireName).orElseThrow(() -> new IllegalStateException("unknown alert kind in the database: " + wireName));
    }

    /** To the microsecond, as PostgreSQL keeps it: what is returned before and after a read back is the same. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
