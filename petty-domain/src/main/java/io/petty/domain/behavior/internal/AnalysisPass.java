package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.AnalysisPlan;
import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.DaySummary;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.PetWindow;
import io.petty.domain.behavior.Unit;
import io.petty.domain.behavior.UnitAnalysis;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.ReadingBacklog.Arrival;
import io.petty.domain.telemetry.ReadingBacklog;
import io.petty.domain.telemetry.ReadingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    /**
     * What a pass did.
     *
     * @param readings how many it analysed
     * @param held     how many of those it took from memory rather than reading them back
     */
    public record Outcome(int collars, int units, int readings, int held, int changes) {

        static final Outcome NOTHING = new Outcome(0, 0, 0, 0, 0);
    }

    /** @return what was analysed: nothing when another server holds every one of these collars */
    @Transactional
    public Outcome analyse(List<String> collarIds) {
        Map<String, Cursor> cursorsOf = cursors.lock(collarIds);
        if (cursorsOf.isEmpty()) {
            return Outcome.NOTHING;
        }
        List<Arrival> arrivals = backlog.arrivals(cursorsOf.keySet());
        if (arrivals.isEmpty()) {
            return Outcome.NOTHING;
        }
        Map<String, List<Arrival>> byCollar = arrivals.stream().collect(Collectors.groupingBy(Arrival::collarId));
        Map<String, List<PetWindow>> windows = cursors.windows(byCollar.keySet(),
                arrivals.stream().map(Arrival::earliest).min(Comparator.naturalOrder()).orElseThrow(),
                arrivals.stream().map(Arrival::latest).max(Comparator.naturalOrder()).orElseThrow());

        // Plan every collar's work, then do it with one query for the readings not held in memory, two for the
        // events, one for the days.
        List<Job> jobs = new ArrayList<>();
        List<Over> over = new ArrayList<>();
        for (Map.Entry<String, List<Arrival>> collar : byCollar.entrySet()) {
            plan(collar.getKey(), cursorsOf.get(collar.getKey()), collar.getValue(),
                    windows.getOrDefault(collar.getKey(), List.of()), jobs, over);
        }
        Fed fed = feed(jobs, byCollar);
        Instant now = clock.instant();
        List<StoredEvent> locked = events.lockForPass(openOf(jobs, over), wholeUnits(jobs));
        Map<StoredDay.Key, StoredDay> stored = days.ofUnits(jobs.stream().map(job -> job.work.unit()).toList());
        int changes = 0;
        Map<String, Cursor> moved = new HashMap<>();
        for (Job job : jobs) {
            Unit unit = job.work.unit();
            List<DetectedEvent> open = new ArrayList<>();
            DaySummary summary;
            if (job.inProgress) {
                summary = job.analysis.provisional(open::add);
                moved.put(unit.collarId(), new Cursor(unit.petId(), unit.start(), unit.end(),
                        job.analysis.lastTimestamp(), job.analysis.snapshot()));
            } else {
                job.analysis.finish(job.closed::add);
                summary = job.analysis.summary();
            }
            changes += events.apply(ofUnit(locked, unit.collarId(), unit.petId(), unit.start(), unit.end(),
                    job.work.resume()), unit.collarId(), unit.petId(), job.closed, open, now);
            days.summarise(unit, summary, stored, now);
        }
        for (Over ended : over) {
            // The unit that was in progress is over: what was open in it is closed as it stood.
            List<DetectedEvent> closed = new ArrayList<>();
            ended.analysis.finish(closed::add);
            Cursor cursor = ended.cursor;
            changes += events.apply(ofUnit(locked, ended.collarId, cursor.petId(), cursor.unitStart(), cursor.unitEnd(),
                    true), ended.collarId, cursor.petId(), closed, List.of(), now);
        }
        cursors.save(moved);
        backlog.settle(arrivals.stream().map(Arrival::id).toList());
        return new Outcome(byCollar.size(), jobs.size(), fed.held + fed.read, fed.held, changes);
    }

    /** One unit's analysis in this pass. */
    private static final class Job {
        final AnalysisPlan.Work work;
        final UnitAnalysis analysis;
        final boolean inProgress;
        final List<DetectedEvent> closed = new ArrayList<>();

        Job(AnalysisPlan.Work work, UnitAnalysis analysis, boolean inProgress) {
            this.work = work;
            this.analysis = analysis;
            this.inProgress = inProgress;
        }
    }

    /** A collar's unit that was in progress and is over now that a newer one is. */
    private record Over(String collarId, Cursor cursor, UnitAnalysis analysis) {
    }

    private void plan(String collarId, Cursor cursor, List<Arrival> arrivals, List<PetWindow> windows, List<Job> jobs,
                      List<Over> over) {
        List<AnalysisPlan.Work> plan = AnalysisPlan.of(collarId, cursor, arrivals, windows);
        Instant inProgress = AnalysisPlan.inProgress(cursor, plan);
        boolean cursorUnitPlanned = false;
        for (AnalysisPlan.Work planned : plan) {
            UnitAnalysis resumed = planned.resume() ? engine.restore(cursor.state()).orElse(null) : null;
            AnalysisPlan.Work work = resumed != null ? planned : planned.fromTheStart();
            jobs.add(new Job(work, resumed != null ? resumed : engine.start(), work.unit().start().equals(inProgress)));
            cursorUnitPlanned |= cursor != null && work.unit().start().equals(cursor.unitStart());
        }
        if (cursor != null && cursor.state() != null && !cursorUnitPlanned && !cursor.unitStart().equals(inProgress)) {
            engine.restore(cursor.state()).ifPresent(analysis -> over.add(new Over(collarId, cursor, analysis)));
        }
    }

    /**
     * Feeds every job its readings: a unit that continues takes its collar's new readings from memory when this
     * server stored them all (the usual case), any other job reads them, all in one query.
     *
     * @return how many, from where
     */
    private Fed feed(List<Job> jobs, Map<String, List<Arrival>> byCollar) {
        int fromMemory = 0;
        List<Job> toRead = new ArrayList<>();
        for (Job job : jobs) {
            AnalysisPlan.Work work = job.work;
            // Only the unit in progress continues, so each collar's arrivals are asked for once.
            Optional<List<Reading>> held = work.resume() ? backlog.held(byCollar.get(work.unit().collarId()))
                    : Optional.empty();
            if (held.isEmpty()) {
                toRead.add(job);
                continue;
            }
            for (Reading reading : held.get()) {
                if (!reading.timestamp().isBefore(work.from()) && reading.timestamp().isBefore(work.to())) {
                    job.analysis.accept(reading, job.closed::add);
                    fromMemory++;
                }
            }
        }
        int[] read = {0};
        readings.scan(toRead.stream().map(job -> new ReadingRepository.Span(job.work.unit().collarId(), job.work.from(),
                job.work.to())).toList(), (reading, span) -> {
            Job job = toRead.get(span);
            job.analysis.accept(reading, job.closed::add);
            read[0]++;
        });
        return new Fed(fromMemory, read[0]);
    }

    private record Fed(int held, int read) {
    }

    /** The collars whose units continue (their open events may change), or whose unit in progress is over. */
    private static Set<String> openOf(List<Job> jobs, List<Over> over) {
        Set<String> collars = new HashSet<>();
        jobs.stream().filter(job -> job.work.resume()).forEach(job -> collars.add(job.work.unit().collarId()));
        over.forEach(ended -> collars.add(ended.collarId()));
        return collars;
    }

    private static List<Unit> wholeUnits(List<Job> jobs) {
        return jobs.stream().filter(job -> !job.work.resume()).map(job -> job.work.unit()).toList();
    }

    private static List<StoredEvent> ofUnit(List<StoredEvent> locked, String collarId, UUID petId, Instant start,
                                            Instant end, boolean onlyOpen) {
        OffsetDateTime from = JpaBehaviorEvents.utc(start);
        OffsetDateTime to = JpaBehaviorEvents.utc(end);
        return locked.stream().filter(event -> event.inUnit(collarId, petId, from, to) && (!onlyOpen || event.open()))
                .toList();
    }
}
