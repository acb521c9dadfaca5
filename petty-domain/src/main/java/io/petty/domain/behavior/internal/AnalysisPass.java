package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.AnalysisPlan;
import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.DaySummary;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.PetWindow;
import io.petty.domain.behavior.UnitAnalysis;
import io.petty.domain.telemetry.ReadingBacklog.Arrival;
import io.petty.domain.telemetry.ReadingBacklog;
import io.petty.domain.telemetry.ReadingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One pass of the engine over some collars, in one transaction: lock their cursors (skipping any another server
 * holds), take their arrivals, analyse each unit they touch, write the units' events and summaries and the
 * cursors, settle the arrivals. Killed at any point, the transaction rolls back and the arrivals wait for the next
 * pass; done twice, it finds the same events under the same ids.
 */
@ApplicationScoped
public class AnalysisPass {

    private final BehaviorEngine engine;
    private final ReadingBacklog backlog;
    private final ReadingRepository readings;
    private final JdbcAnalysisCursors cursors;
    private final JpaBehaviorEvents events;
    private final JpaBehaviorDays days;
    private final Clock clock;

    @Inject
    public AnalysisPass(BehaviorEngine engine, ReadingBacklog backlog, ReadingRepository readings,
                        JdbcAnalysisCursors cursors, JpaBehaviorEvents events, JpaBehaviorDays days, Clock clock) {
        this.engine = engine;
        this.backlog = backlog;
        this.readings = readings;
        this.cursors = cursors;
        this.events = events;
        this.days = days;
        this.clock = clock;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected AnalysisPass() {
        this(null, null, null, null, null, null, null);
    }

    /** What a pass did. */
    public record Outcome(int collars, int units, int readings, int changes) {
    }

    /** @return what was analysed: nothing when another server holds every one of these collars */
    @Transactional
    public Outcome analyse(List<String> collarIds) {
        Map<String, Cursor> locked = cursors.lock(collarIds);
        if (locked.isEmpty()) {
            return new Outcome(0, 0, 0, 0);
        }
        List<Arrival> arrivals = backlog.arrivals(locked.keySet());
        Map<String, List<Arrival>> byCollar = arrivals.stream().collect(Collectors.groupingBy(Arrival::collarId));
        Instant now = clock.instant();
        int units = 0;
        int scanned = 0;
        int changes = 0;
        for (Map.Entry<String, List<Arrival>> collar : byCollar.entrySet()) {
            Tally tally = analyse(collar.getKey(), locked.get(collar.getKey()), collar.getValue(), now);
            units += tally.units;
            scanned += tally.readings;
            changes += tally.changes;
        }
        backlog.settle(arrivals.stream().map(Arrival::id).toList());
        return new Outcome(byCollar.size(), units, scanned, changes);
    }

    private static final class Tally {
        int units;
        int readings;
        int changes;
    }

    private Tally analyse(String collarId, Cursor cursor, List<Arrival> arrivals, Instant now) {
        Instant earliest = arrivals.stream().map(Arrival::earliest).min(Comparator.naturalOrder()).orElseThrow();
        Instant latest = arrivals.stream().map(Arrival::latest).max(Comparator.naturalOrder()).orElseThrow();
        List<PetWindow> windows = cursors.windows(collarId, earliest, latest);
        List<AnalysisPlan.Work> plan = AnalysisPlan.of(collarId, cursor, arrivals, windows);
        Instant inProgress = AnalysisPlan.inProgress(cursor, plan);
        Tally tally = new Tally();
        Cursor moved = cursor;
        boolean cursorUnitAnalysed = false;
        for (AnalysisPlan.Work planned : plan) {
            UnitAnalysis analysis = planned.resume() ? engine.restore(cursor.state()).orElse(null) : null;
            AnalysisPlan.Work work = analysis != null ? planned : planned.fromTheStart();
            UnitAnalysis unit = analysis != null ? analysis : engine.start();
            List<DetectedEvent> closed = new ArrayList<>();
            readings.scan(collarId, work.from(), work.to(), reading -> {
                unit.accept(reading, closed::add);
                tally.readings++;
            });
            tally.units++;
            cursorUnitAnalysed |= cursor != null && work.unit().start().equals(cursor.unitStart());
            List<DetectedEvent> open = new ArrayList<>();
            DaySummary summary;
            if (work.unit().start().equals(inProgress)) {
                summary = unit.provisional(open::add);
                moved = new Cursor(work.unit().petId(), work.unit().start(), work.unit().end(), unit.lastTimestamp(),
                        unit.snapshot());
            } else {
                unit.finish(closed::add);
                summary = unit.summary();
            }
            tally.changes += events.replace(collarId, work.unit().petId(), work.unit().start(), work.unit().end(),
                    work.resume(), closed, open, now);
            days.summarise(work.unit(), summary, now);
        }
        if (cursor != null && cursor.state() != null && !cursorUnitAnalysed && !cursor.unitStart().equals(inProgress)) {
            // The unit that was in progress is over: what was open in it is closed as it stood.
            engine.restore(cursor.state()).ifPresent(over -> {
                List<DetectedEvent> closed = new ArrayList<>();
                over.finish(closed::add);
                tally.changes += events.replace(collarId, cursor.petId(), cursor.unitStart(), cursor.unitEnd(), true,
                        closed, List.of(), now);
            });
        }
        if (moved != cursor) {
            cursors.save(collarId, moved);
        }
        return tally;
    }
}
