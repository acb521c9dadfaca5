package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.DaySummary;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** A row of {@code behavior_day}: one unit's summary, kept current with its events. */
@Entity
@Table(name = "behavior_day")
@IdClass(StoredDay.Key.class)
@NamedQuery(name = "StoredDay.ofPetBetween", query = "SELECT d FROM StoredDay d WHERE d.petId = :pet "
        + "AND d.day >= :from AND d.day <= :to")
@NamedQuery(name = "StoredDay.ofCollarsFrom", query = "SELECT d FROM StoredDay d WHERE d.collarId IN :collars "
        + "AND d.unitStart >= :from")
public class StoredDay {

    /** The primary key: the unit, by pet, collar and start. */
    public static class Key implements Serializable {
        private UUID petId;
        private String collarId;
        private OffsetDateTime unitStart;

        public Key() {
        }

        Key(UUID petId, String collarId, OffsetDateTime unitStart) {
            this.petId = petId;
            this.collarId = collarId;
            this.unitStart = unitStart;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(petId, key.petId) && Objects.equals(collarId, key.collarId)
                    && Objects.equals(unitStart, key.unitStart);
        }

        @Override
        public int hashCode() {
            return Objects.hash(petId, collarId, unitStart);
        }
    }

    @Id
    @Column(name = "pet_id")
    private UUID petId;
    @Id
    @Column(name = "collar_id")
    private String collarId;
    @Id
    @Column(name = "unit_start")
    private OffsetDateTime unitStart;
    @Column(nullable = false)
    private LocalDate day;
    @Column(name = "data_points", nullable = false)
    private int dataPoints;
    @Column(name = "heart_rate_sum", nullable = false)
    private long heartRateSum;
    @Column(name = "heart_rate_min", nullable = false)
    private short heartRateMin;
    @Column(name = "heart_rate_max", nullable = false)
    private short heartRateMax;
    @Column(name = "active_ms", nullable = false)
    private long activeMs;
    @Column(name = "rest_ms", nullable = false)
    private long restMs;
    @Column(name = "distance_m", nullable = false)
    private double distanceM;
    @Column(name = "analysed_at", nullable = false)
    private OffsetDateTime analysedAt;

    /** For JPA. */
    protected StoredDay() {
    }

    StoredDay(UUID petId, String collarId, OffsetDateTime unitStart, LocalDate day) {
        this.petId = petId;
        this.collarId = collarId;
        this.unitStart = unitStart;
        this.day = day;
    }

    void summarise(DaySummary summary, OffsetDateTime analysedAt) {
        this.dataPoints = summary.dataPoints();
        this.heartRateSum = summary.heartRateSum();
        this.heartRateMin = (short) summary.heartRateMin();
        this.heartRateMax = (short) summary.heartRateMax();
        this.activeMs = summary.activeMillis();
        this.restMs = summary.restMillis();
        this.distanceM = summary.distanceM();
        this.analysedAt = analysedAt;
    }

    Key key() {
        return new Key(petId, collarId, unitStart);
    }

    LocalDate day() {
        return day;
    }

    DaySummary summary() {
        return new DaySummary(dataPoints, heartRateSum, heartRateMin, heartRateMax, activeMs, restMs, distanceM);
    }
}
