package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.DaySummary;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.PetWindow;
import io.petty.domain.behavior.Reanalysis;
import io.petty.domain.behavior.Unit;
import io.petty.domain.behavior.UnitAnalysis;
import io.petty.domain.behavior.internal.JdbcAnalysisCursors.CursorRow;
import io.petty.domain.telemetry.ReadingBacklog;
import io.petty.domain.telemetry.ReadingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;

/**
 * {@link Reanalysis} over the stores the live analysis keeps. A page of units is one transaction: the collars' cursors
 * are locked first, waiting (so a pass over the same collars runs before or after it, never between its read of the
 * readings and its write of the events), then the units' readings are read in one query, analysed, and their events
 * and summaries replaced as a pass replaces those of a unit analysed from its first reading. The unit a collar's
 * cursor is in (its last, for a collar that has sent nothing since) is stored as in progress, and the cursor moved
 * to the new analysis, as a pass's refresh would; unless readings of the collar wait for a pass, which will then
 * analyse that unit with the current engine itself.
 */
@ApplicationScoped
public class UnitReanalysis implements Reanalysis {

    private final Provider<BehaviorEngine> engines;
    private final ReadingRepository readings;
    private final ReadingBacklog backlog;
    private final JdbcAnalysisCursors cursors;
    private final JpaBehaviorEvents events;
    private final JpaBehaviorDays days;
    private final Clock clock;

    @Inject
    public UnitReanalysis(Provider<BehaviorEngine> engines, ReadingRepository readings, ReadingBacklog backlog,
                          JdbcAnalysisCursors cursors, JpaBehaviorEvents events, JpaBehaviorDays days, Clock clock) {
        this.engines = engines;
        this.readings = readings;
        this.backlog = backlog;
        this.cursors = cursors;
        this.events = events;
        this.days = days;
        this.clock = clock;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected UnitReanalysis() {
        this(null, null, null, null, null, null, null);
    }

    @Override
    public List<Unit> units(CollarRange range, LocalDate from, LocalDate to, Position after, int collars) {
        Objects.requireNonNull(range, "range is required.");
        if (to.isBefore(from) || collars < 2) {
            throw new IllegalArgumentException("units of " + from + ".." + to + ", " + collars + " collars at a time");
        }
        // A local day lies within a day of its UTC date either side (zones run from UTC-12 to UTC+14).
        Instant windowsFrom = from.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant windowsTo = to.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = clock.instant();
        String fromCollar = after == null ? "" : after.collarId();
        while (true) {
            NavigableMap<String, List<PetWindow>> page = cursors.windowsInRange(range, windowsFrom, windowsTo,
                    fromCollar, collars);
            List<Unit> units = new ArrayList<>();
            page.forEach((collarId, windows) -> windows.forEach(window -> {
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    Unit.of(collarId, window, day)
                            .filter(unit -> !unit.end().isAfter(now) && (after == null || after.before(unit)))
                            .ifPresent(units::add);
                }
            }));
            String last = page.isEmpty() ? fromCollar : page.lastKey();
            if (!units.isEmpty() || last.equals(fromCollar)) {
                units.sort(ORDER);
                return units;
            }
            // Collars worn only outside the days, or in units not over yet: on to the next page.
            fromCollar = last;
        }
    }

    @Override
    @Transactional
    public Outcome reanalyse(List<Unit> units) {
        if (units.isEmpty()) {
            return Outcome.NOTHING;
        }
        List<String> collars = units.stream().map(Unit::collarId).distinct().sorted().toList();
        // Made and committed apart: a pass making one of them meanwhile would otherwise wait for this transaction
        // while it holds a cursor this one waits for.
        cursors.create(collars);
        Map<String, CursorRow> rows = cursors.lockWaiting(collars);
        Set<String> waiting = new HashSet<>();
        backlog.arrivals(collars).forEach(arrival -> waiting.add(arrival.collarId()));
        // Over when paged (units()), a unit stays over; one the live analysis has readings waiting for is its own.
        List<Unit> todo = units.stream()
                .filter(unit -> !(live(rows.get(unit.collarId()), unit) && waiting.contains(unit.collarId()))).toList();
        if (todo.isEmpty()) {
            return new Outcome(0, units.size(), 0, 0);
        }
        BehaviorEngine engine = engines.get();
        List<UnitAnalysis> analyses = new ArrayList<>(todo.size());
        List<List<DetectedEvent>> closed = new ArrayList<>(todo.size());
        todo.forEach(unit -> {
            analyses.add(engine.start());
            closed.add(new ArrayList<>());
        });
        long[] readings = {0};
        this.readings.scan(todo.stream().map(unit -> new ReadingRepository.Span(unit.collarId(), unit.start(),
                unit.end())).toList(), (reading, at) -> {
                    analyses.get(at).accept(reading, closed.get(at)::add);
                    readings[0]++;
                });
        // A unit without readings is one whose readings are past retention (its events and summary are kept as
        // long as the account) or never came: nothing to find again, and nothing to replace.
        List<Integer> read = new ArrayList<>();
        for (int i = 0; i < todo.size(); i++) {
            if (analyses.get(i).lastTimestamp() != null) {
                read.add(i);
            }
        }
        if (read.isEmpty()) {
            return new Outcome(0, units.size() - todo.size(), 0, 0);
        }
        List<StoredEvent> locked = events.lockForPass(List.of(), read.stream().map(todo::get).toList());
        Map<StoredDay.Key, StoredDay> stored = days.ofCollarsFrom(collars,
                read.stream().map(i -> todo.get(i).start()).min(Comparator.naturalOrder()).orElseThrow());
        Instant now = clock.instant();
        Map<String, CursorRow> moved = new HashMap<>();
        int changes = 0;
        for (int i : read) {
            Unit unit = todo.get(i);
            UnitAnalysis analysis = analyses.get(i);
            List<DetectedEvent> open = new ArrayList<>();
            DaySummary summary;
            CursorRow row = rows.get(unit.collarId());
            if (live(row, unit)) {
                // The live analysis is still in it: stored as a pass stores a unit in progress, with the cursor at
                // its last reading, so that the next pass goes on from this analysis rather than from another.
                summary = analysis.provisional(open::add);
                moved.put(unit.collarId(), new CursorRow(new Cursor(unit.petId(), unit.start(), unit.end(),
                        analysis.lastTimestamp(), analysis.snapshot()), null, row.alerts()));
            } else {
                analysis.finish(closed.get(i)::add);
                summary = analysis.summary();
            }
            changes += events.apply(JpaBehaviorEvents.ofUnit(locked, unit.collarId(), unit.petId(), unit.start(),
                    unit.end(), false), unit.collarId(), unit.petId(), closed.get(i), open, now, (event, began) -> { });
            days.summarise(unit, summary, stored, now);
        }
        cursors.save(moved);
        return new Outcome(read.size(), units.size() - todo.size(), readings[0], changes);
    }

    /**
     * Whether the collar's live analysis is still in the unit (its cursor's): its events there are stored open until
     * a reading of a later unit closes them, and readings announced but not yet analysed are its to take.
     */
    private static boolean live(CursorRow row, Unit unit) {
        return row != null && unit.petId().equals(row.cursor().petId())
                && unit.start().equals(row.cursor().unitStart());
    }
}
