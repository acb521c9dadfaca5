package io.petty.domain.behavior;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A unit of analysis: the readings of one collar that belong to one pet during one local day of the pet,
 * {@code [start, end)}. A day in which the collar changed hands has a unit for each pet.
 */
public record Unit(String collarId, UUID petId, ZoneId zone, LocalDate day, Instant start, Instant end) {

    public Unit {
        Objects.requireNonNull(collarId, "collarId is required.");
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(zone, "zone is required.");
        Objects.requireNonNull(day, "day is required.");
        Objects.requireNonNull(start, "start is required.");
        Objects.requireNonNull(end, "end is required.");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a unit ends after it starts");
        }
    }

    /**
     * The unit of a pet's local {@code day} within the collar's pairing {@code window}: the day cut to the window;
     * empty when the window does not reach into the day.
     */
    public static Optional<Unit> of(String collarId, PetWindow window, LocalDate day) {
        Instant dayStart = day.atStartOfDay(window.zone()).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(window.zone()).toInstant();
        Instant start = dayStart.isAfter(window.from()) ? dayStart : window.from();
        Instant end = window.until() == null || dayEnd.isBefore(window.until()) ? dayEnd : window.until();
        return end.isAfter(start) ? Optional.of(new Unit(collarId, window.petId(), window.zone(), day, start, end))
                : Optional.empty();
    }

    public boolean overlaps(Instant from, Instant toInclusive) {
        return from.isBefore(end) && !toInclusive.isBefore(start);
    }

    /** The same unit: the same collar, pet and bounds. */
    public boolean sameAs(String collarId, UUID petId, Instant start, Instant end) {
        return this.collarId.equals(collarId) && this.petId.equals(petId) && this.start.equals(start)
                && this.end.equals(end);
    }
}
