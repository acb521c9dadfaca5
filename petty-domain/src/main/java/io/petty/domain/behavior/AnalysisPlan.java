package io.petty.domain.behavior;

import io.petty.domain.telemetry.ReadingBacklog.Arrival;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one collar's new readings ask of the engine: which units they fall into, and for each whether the analysis
 * can continue from where it stopped (the readings come after everything it has seen of the unit in progress) or
 * must run the unit again from its first reading (they came late). Plain arithmetic on times, no storage.
 */
public final class AnalysisPlan {

    /** Where the engine is with a collar: the unit in progress, and the last reading it took in. */
    public record Cursor(UUID petId, Instant unitStart, Instant unitEnd, Instant analysedThrough, byte[] state) {
    }

    /**
     * One unit to analyse: continuing from the cursor's state with the readings in {@code [from, to)}, or from
     * nothing with all of the unit's readings.
     */
    public record Work(Unit unit, boolean resume, Instant from, Instant to) {

        /** The same unit, from its first reading (when the cursor's state cannot be read back). */
        public Work fromTheStart() {
            return new Work(unit, false, unit.start(), unit.end());
        }

        /**
         * The same, up to the unit's end rather than to what the arrivals announced: for a state that may lack
         * readings stored after it and analysed without saving it, later ones than these arrivals' included.
         */
        public Work throughTheEnd() {
            return new Work(unit, resume, from, unit.end());
        }
    }

    private static final long MICRO = 1;

    private AnalysisPlan() {
    }

    /**
     * @param cursor   where the engine is with the collar; null before its first analysis
     * @param arrivals the collar's new readings, as ingest announced them
     * @param windows  the collar's pairing windows that overlap the arrivals, with their pets' time zones
     * @return the units to analyse, oldest first
     */
    public static List<Work> of(String collarId, Cursor cursor, List<Arrival> arrivals, List<PetWindow> windows) {
        Map<String, Unit> units = new LinkedHashMap<>();
        for (Arrival arrival : arrivals) {
            for (PetWindow window : windows) {
                Instant from = later(arrival.earliest(), window.from());
                Instant to = window.until() == null ? arrival.latest() : earlier(arrival.latest(), window.until().minus(MICRO, ChronoUnit.MICROS));
                if (to.isBefore(from)) {
                    continue;
                }
                for (LocalDate day = LocalDate.ofInstant(from, window.zone()); !day.isAfter(LocalDate.ofInstant(to, window.zone()));
                     day = day.plusDays(1)) {
                    // Not empty: the window holds [from, to], which reaches into the day.
                    Unit unit = Unit.of(collarId, window, day).orElseThrow();
                    units.putIfAbsent(unit.petId() + "@" + unit.start(), unit);
                }
            }
        }
        List<Work> work = new ArrayList<>();
        units.values().stream().sorted(Comparator.comparing(Unit::start)).forEach(unit -> work.add(work(unit, cursor, arrivals)));
        return work;
    }

    private static Work work(Unit unit, Cursor cursor, List<Arrival> arrivals) {
        List<Arrival> into = arrivals.stream().filter(a -> unit.overlaps(a.earliest(), a.latest())).toList();
        boolean resumable = cursor != null && cursor.analysedThrough() != null
                && unit.sameAs(unit.collarId(), cursor.petId(), cursor.unitStart(), cursor.unitEnd())
                && into.stream().allMatch(a -> a.earliest().isAfter(cursor.analysedThrough()));
        if (!resumable) {
            return new Work(unit, false, unit.start(), unit.end());
        }
        // Up to what was announced: readings stored since belong to arrivals still to come.
        Instant announced = into.stream().map(Arrival::latest).max(Comparator.naturalOrder()).orElseThrow();
        return new Work(unit, true, after(cursor.analysedThrough()), earlier(unit.end(), after(announced)));
    }

    /** The earliest time a reading after this one can have: readings are timed to the microsecond. */
    public static Instant after(Instant time) {
        return time.plus(MICRO, ChronoUnit.MICROS);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * The unit in progress after this work: the newest of the units analysed and the cursor's own. Older units are
     * over; their open events close.
     *
     * @return the start of that unit
     */
    public static Instant inProgress(Cursor cursor, List<Work> work) {
        Instant newest = cursor == null ? null : cursor.unitStart();
        for (Work each : work) {
            if (newest == null || each.unit().start().isAfter(newest)) {
                newest = each.unit().start();
            }
        }
        return newest;
    }
}
