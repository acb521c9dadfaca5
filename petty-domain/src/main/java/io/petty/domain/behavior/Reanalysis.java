package io.petty.domain.behavior;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The engine run again over days it analysed before, from their stored readings, with the detectors and the motion
 * model active now: what the {@code nightly-reanalysis} job does, a page of units at a time. A unit's machine events
 * and summary are replaced by what the engine finds now; events the owner gave feedback on are kept (see
 * {@link BehaviorEvents#review}). Two runs over the same readings store the same events under the same ids.
 *
 * <p>Only units that are over and have readings are taken: a unit whose readings are past retention keeps its events
 * and summary. The one a collar's live analysis is still in (its cursor's, until a reading of a later unit arrives) is
 * stored as in progress, its cursor moved to the new analysis; when readings of the collar wait for a pass, it is left
 * to the live analysis, which finishes it from its cursor, and counted as such in the outcome (a later run takes it).
 * Nothing is announced on the live feed and no alert is raised: those are about now, and a re-analysis is about the
 * past.
 */
public interface Reanalysis {

    /** Units in the order a run takes them: by collar, then by start. */
    Comparator<Unit> ORDER = Comparator.comparing(Unit::collarId).thenComparing(Unit::start);

    /**
     * A share of the fleet: the collars whose id hashes into {@code [from, to)} of {@code [0, 2^32)} (the first 32
     * bits of the id's MD5). Ranges of the hash rather than of the ids, so that any number of them split any fleet
     * evenly, and the same range holds the same collars in every run and every restart of it.
     */
    record CollarRange(long from, long to) {

        public static final long HASHES = 1L << 32;

        public CollarRange {
            if (from < 0 || to > HASHES || to <= from) {
                throw new IllegalArgumentException("a collar range is a non-empty part of [0, 2^32): " + from
                        + ".." + to);
            }
        }

        /** {@code parts} ranges that together hold every collar once. */
        public static List<CollarRange> split(int parts) {
            if (parts < 1 || parts > 1024) {
                throw new IllegalArgumentException("split into 1 to 1024 ranges, not " + parts);
            }
            List<CollarRange> ranges = new ArrayList<>(parts);
            for (int i = 0; i < parts; i++) {
                ranges.add(new CollarRange(HASHES * i / parts, HASHES * (i + 1) / parts));
            }
            return ranges;
        }
    }

    /** Where a run is within its range: the last unit it took, by {@link #ORDER}. */
    record Position(String collarId, Instant start) {

        public static Position of(Unit unit) {
            return new Position(unit.collarId(), unit.start());
        }

        /** Whether the unit comes after this position. */
        public boolean before(Unit unit) {
            int collar = unit.collarId().compareTo(collarId);
            return collar > 0 || collar == 0 && unit.start().isAfter(start);
        }
    }

    /**
     * What a call of {@link #reanalyse} did.
     *
     * @param units    how many units it analysed again (those without readings not counted)
     * @param skipped  how many it left to the live analysis: still in them, with readings waiting for it
     * @param readings how many readings it analysed
     * @param changes  how many stored events changed (added, updated or removed)
     */
    record Outcome(int units, int skipped, long readings, int changes) {

        public static final Outcome NOTHING = new Outcome(0, 0, 0, 0);

        public Outcome plus(Outcome other) {
            return new Outcome(units + other.units, skipped + other.skipped, readings + other.readings,
                    changes + other.changes);
        }
    }

    /**
     * The next units of the range over the pets' local days {@code from} to {@code to} (inclusive) that are over by
     * now: those of the next {@code collars} collars worn in those days after {@code after}, in {@link #ORDER}.
     *
     * @param after null for the range's first units
     * @return empty when the range has no more
     */
    List<Unit> units(CollarRange range, LocalDate from, LocalDate to, Position after, int collars);

    /**
     * Analyses the units again from their readings and replaces their stored events and day summaries with what it
     * finds, in one transaction (the caller's, when it has one): all of them or, rolled back, none.
     */
    Outcome reanalyse(List<Unit> units);
}
