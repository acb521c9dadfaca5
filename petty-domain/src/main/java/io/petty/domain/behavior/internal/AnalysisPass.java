package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.AnalysisPlan;
import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.DaySummary;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.PetWindow;
import io.petty.domain.behavior.Unit;
import io.petty.domain.behavior.UnitAnalysis;
import io.petty.domain.behavior.internal.JdbcAnalysisCursors.CursorRow;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.ReadingBacklog.Arrival;
import io.petty.domain.telemetry.ReadingBacklog;
import io.petty.domain.telemetry.ReadingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *
 * <p>A unit in progress whose new readings only grow what is already open in it (a walk goes on; no event closed,
 * none began) gets its cursor saved but its stored open events and summary left as they were, for up to
 * {@code petty.behavior.refresh}: with single readings a pass per reading had rewritten them every time, a few
 * database writes per reading (docs/benchmarks.md). {@link #refresh} brings those left longer up to date.
 */
@ApplicationScoped
public class AnalysisPass {

    private final BehaviorEngine engine;
    private final ReadingBacklog backlog;
    private final ReadingRepository readings;
    private final JdbcAnalysisCursors cursors;
    private final JpaBehaviorEvents events;
    private final JpaBehaviorDays days;
    private final LiveAnalyses live;
    private final Clock clock;
    private final Duration refresh;

    @Inject
    public AnalysisPass(BehaviorEngine engine, ReadingBacklog backlog, ReadingRepository readings,
                        JdbcAnalysisCursors cursors, JpaBehaviorEvents events, JpaBehaviorDays days, LiveAnalyses live,
                        Clock clock, @ConfigProperty(name = "petty.behavior.refresh") Duration refresh) {
        this.engine = engine;
        this.backlog = backlog;
        this.readings = readings;
        this.cursors = cursors;
        this.events = events;
        this.days = days;
        this.live = live;
        this.clock = clock;
        this.refresh = refresh;
        if (refresh != null && refresh.isNegative()) {
            throw new IllegalArgumentException("petty.behavior.refresh must not be negative");
        }
    }

    /** For CDI proxies; never called to build a working instance. */
    protected AnalysisPass() {
        this(null, null, null, null, null, null, null, null, null);
    }

    /**
     * What a pass did.
     *
     * @param readings how many it analysed
     * @param held     how many of those it took from memory rather than reading them back
     * @param deferred how many units in progress it left stale: cursor saved, open events and summary not
     */
    public record Outcome(int collars, int units, int readings, int held, int changes, int deferred) {

        static final Outcome NOTHING = new Outcome(0, 0, 0, 0, 0, 0);
    }

    /** @return what was analysed: nothing when another server holds every one of these collars */
    @Transactional
    public Outcome analyse(List<String> collarIds) {
        Map<String, CursorRow> rows = cursors.lock(collarIds);
        if (rows.isEmpty()) {
            return Outcome.NOTHING;
        }
        List<Arrival> arrivals = backlog.arrivals(rows.keySet());
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
            plan(collar.getKey(), rows.get(collar.getKey()), collar.getValue(),
                    windows.getOrDefault(collar.getKey(), List.of()), jobs, over);
        }
        Fed fed = feed(jobs, byCollar);
        Instant now = clock.instant();
        jobs.forEach(job -> job.stores = !job.inProgress || storesOpenEvents(job, now));
        List<StoredEvent> locked = events.lockForPass(openOf(jobs, over), wholeUnits(jobs));
        Map<StoredDay.Key, StoredDay> stored = storedDays(jobs, over);
        int changes = 0;
        int deferred = 0;
        Map<String, CursorRow> moved = new HashMap<>();
        for (Job job : jobs) {
            Unit unit = job.work.unit();
            if (!job.inProgress) {
                job.analysis.finish(job.closed::add);
                changes += apply(locked, unit, job.work.resume(), job.closed, List.of(), now);
                days.summarise(unit, job.analysis.summary(), stored, now);
                continue;
            }
            Cursor cursor = new Cursor(unit.petId(), unit.start(), unit.end(), job.analysis.lastTimestamp(),
                    job.analysis.snapshot());
            long[] storedOpen;
            Instant staleSince;
            if (job.stores) {
                List<DetectedEvent> open = new ArrayList<>();
                DaySummary summary = job.analysis.provisional(open::add);
                changes += apply(locked, unit, job.work.resume(), job.closed, open, now);
                days.summarise(unit, summary, stored, now);
                storedOpen = job.analysis.openStarts();
                staleSince = null;
            } else {
                storedOpen = job.live.stored();
                staleSince = job.staleSince != null ? job.staleSince : now;
                deferred++;
            }
            moved.put(unit.collarId(), new CursorRow(cursor, staleSince));
            live.keep(unit.collarId(), new LiveAnalyses.Live(cursor, job.analysis, storedOpen));
        }
        for (Over ended : over) {
            // The unit that was in progress is over: what was open in it is closed as it stood.
            List<DetectedEvent> closed = new ArrayList<>();
            ended.analysis.finish(closed::add);
            Cursor cursor = ended.cursor;
            changes += applyToCursorUnit(locked, ended.collarId, cursor, closed, List.of(), now);
            days.summariseStored(cursor.petId(), ended.collarId, cursor.unitStart(), ended.analysis.summary(), stored,
                    now);
        }
        cursors.save(moved);
        backlog.settle(arrivals.stream().map(Arrival::id).toList());
        return new Outcome(byCollar.size(), jobs.size(), fed.held + fed.read, fed.held, changes, deferred);
    }

    /**
     * Brings the stored open events and summaries of these collars' units in progress up to what their cursors'
     * states give, where a pass left them stale; skips any collar another server holds.
     *
     * @return how many units it brought up to date
     */
    @Transactional
    public int refresh(List<String> collarIds) {
        Map<String, CursorRow> rows = cursors.lock(collarIds);
        Map<String, UnitAnalysis> stale = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        rows.forEach((collarId, row) -> {
            Cursor cursor = row.cursor();
            if (row.staleSince() != null && cursor.state() != null) {
                analysisAt(collarId, cursor)
                        .ifPresentOrElse(analysis -> stale.put(collarId, analysis), () -> unreadable.add(collarId));
            }
        });
        // A state other detectors wrote is analysed again from the day's first reading with the collar's next
        // readings; until then there is nothing to refresh, and the sweep need not come back for it.
        cursors.refreshed(unreadable);
        if (stale.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<StoredEvent> locked = events.lockForPass(stale.keySet(), List.of());
        Map<StoredDay.Key, StoredDay> stored = days.ofCollarsFrom(stale.keySet(), stale.keySet().stream()
                .map(collarId -> rows.get(collarId).cursor().unitStart()).min(Comparator.naturalOrder()).orElseThrow());
        stale.forEach((collarId, analysis) -> {
            Cursor cursor = rows.get(collarId).cursor();
            List<DetectedEvent> open = new ArrayList<>();
            DaySummary summary = analysis.provisional(open::add);
            applyToCursorUnit(locked, collarId, cursor, List.of(), open, now);
            days.summariseStored(cursor.petId(), collarId, cursor.unitStart(), summary, stored, now);
            live.keep(collarId, new LiveAnalyses.Live(cursor, analysis, analysis.openStarts()));
        });
        cursors.refreshed(stale.keySet());
        return stale.size();
    }

    /**
     * Refreshes, up to {@code limit} at a time, the units whose stored open events have lagged their analysis for
     * longer than the refresh interval: those of collars that went quiet after a pass left them stale.
     *
     * @return how many units it brought up to date
     */
    @Transactional
    public int refreshStale(int limit) {
        if (refresh.isZero()) {
            return 0;
        }
        List<String> stale = cursors.stale(clock.instant().minus(refresh), limit);
        return stale.isEmpty() ? 0 : refresh(stale);
    }

    /**
     * Whether a unit in progress stores its open events and summary in this pass: unless only what was already
     * open in it grew, and not for longer than the refresh interval.
     */
    private boolean storesOpenEvents(Job job, Instant now) {
        if (refresh.isZero() || !job.work.resume() || !job.closed.isEmpty() || job.live == null) {
            // What is stored is not known to be this analysis's own open events, grown.
            return true;
        }
        return !Arrays.equals(job.analysis.openStarts(), job.live.stored())
                || job.staleSince != null && !now.isBefore(job.staleSince.plus(refresh));
    }

    private int apply(List<StoredEvent> locked, Unit unit, boolean onlyOpen, List<DetectedEvent> closed,
                      List<DetectedEvent> open, Instant now) {
        return events.apply(ofUnit(locked, unit.collarId(), unit.petId(), unit.start(), unit.end(), onlyOpen),
                unit.collarId(), unit.petId(), closed, open, now);
    }

    /** The same for the unit a cursor was in, whose open events are all that can change. */
    private int applyToCursorUnit(List<StoredEvent> locked, String collarId, Cursor cursor, List<DetectedEvent> closed,
                                  List<DetectedEvent> open, Instant now) {
        return events.apply(ofUnit(locked, collarId, cursor.petId(), cursor.unitStart(), cursor.unitEnd(), true),
                collarId, cursor.petId(), closed, open, now);
    }

    /** The cursor's analysis: as this server's last pass left it while the cursor still holds that, else read back. */
    private Optional<UnitAnalysis> analysisAt(String collarId, Cursor cursor) {
        return live.take(collarId, cursor).map(LiveAnalyses.Live::analysis).or(() -> engine.restore(cursor.state()));
    }

    /** The stored days of the units this pass writes a summary of, in one query. */
    private Map<StoredDay.Key, StoredDay> storedDays(List<Job> jobs, List<Over> over) {
        Set<String> collars = new HashSet<>();
        Instant from = null;
        for (Job job : jobs) {
            if (job.stores) {
                collars.add(job.work.unit().collarId());
                from = earlier(from, job.work.unit().start());
            }
        }
        for (Over ended : over) {
            collars.add(ended.collarId);
            from = earlier(from, ended.cursor.unitStart());
        }
        return collars.isEmpty() ? Map.of() : days.ofCollarsFrom(collars, from);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** One unit's analysis in this pass. */
    private static final class Job {
        final AnalysisPlan.Work work;
        final UnitAnalysis analysis;
        final boolean inProgress;
        /** What the last pass over the unit left in memory; null when the analysis was read back or begun. */
        final LiveAnalyses.Live live;
        /** The cursor's, when this job continues its unit. */
        final Instant staleSince;
        final List<DetectedEvent> closed = new ArrayList<>();
        boolean stores;

        Job(AnalysisPlan.Work work, UnitAnalysis analysis, boolean inProgress, LiveAnalyses.Live live,
            Instant staleSince) {
            this.work = work;
            this.analysis = analysis;
            this.inProgress = inProgress;
            this.live = live;
            this.staleSince = staleSince;
        }
    }

    /** A collar's unit that was in progress and is over now that a newer one is. */
    private record Over(String collarId, Cursor cursor, UnitAnalysis analysis) {
    }

    private void plan(String collarId, CursorRow row, List<Arrival> arrivals, List<PetWindow> windows, List<Job> jobs,
                      List<Over> over) {
        Cursor cursor = row.cursor();
        List<AnalysisPlan.Work> plan = AnalysisPlan.of(collarId, cursor, arrivals, windows);
        Instant inProgress = AnalysisPlan.inProgress(cursor, plan);
        boolean cursorUnitPlanned = false;
        for (AnalysisPlan.Work planned : plan) {
            LiveAnalyses.Live kept = planned.resume() ? live.take(collarId, cursor).orElse(null) : null;
            UnitAnalysis resumed = kept != null ? kept.analysis()
                    : planned.resume() ? engine.restore(cursor.state()).orElse(null) : null;
            AnalysisPlan.Work work = resumed != null ? planned : planned.fromTheStart();
            jobs.add(new Job(work, resumed != null ? resumed : engine.start(), work.unit().start().equals(inProgress),
                    kept, resumed != null ? row.staleSince() : null));
            cursorUnitPlanned |= cursor.unitStart() != null && work.unit().start().equals(cursor.unitStart());
        }
        if (cursor.state() != null && !cursorUnitPlanned && !cursor.unitStart().equals(inProgress)) {
            analysisAt(collarId, cursor).ifPresent(analysis -> over.add(new Over(collarId, cursor, analysis)));
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

    /** The collars whose units continue and store their open events, or whose unit in progress is over. */
    private static Set<String> openOf(List<Job> jobs, List<Over> over) {
        Set<String> collars = new HashSet<>();
        jobs.stream().filter(job -> job.work.resume() && job.stores).forEach(job -> collars.add(job.work.unit().collarId()));
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
