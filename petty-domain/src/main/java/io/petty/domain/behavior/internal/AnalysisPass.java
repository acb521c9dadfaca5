package io.petty.domain.behavior.internal;

import io.petty.domain.alerts.Alert;
import io.petty.domain.alerts.Alerts;
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
import jakarta.inject.Provider;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * none began) has its stored open events, summary and cursor left as they were, for up to
 * {@code petty.behavior.refresh}: with single readings a pass per reading had rewritten them every time, a few
 * database writes per reading (docs/benchmarks.md). The first pass that leaves them marks the cursor stale; the
 * analysis goes on in memory ({@link LiveAnalyses}), and should that be lost (a restart, another server) the unit's
 * readings since the saved state are read back: they are stored, only their arrivals are settled. {@link #refresh}
 * brings up to date the units left longer.
 */
@ApplicationScoped
public class AnalysisPass {

    private final Provider<BehaviorEngine> engines;
    private final ReadingBacklog backlog;
    private final ReadingRepository readings;
    private final JdbcAnalysisCursors cursors;
    private final JpaBehaviorEvents events;
    private final JpaBehaviorDays days;
    private final LiveAnalyses live;
    private final Alerts alerts;
    private final Announcements announcements;
    private final Clock clock;
    private final Duration refresh;

    @Inject
    public AnalysisPass(Provider<BehaviorEngine> engines, ReadingBacklog backlog, ReadingRepository readings,
                        JdbcAnalysisCursors cursors, JpaBehaviorEvents events, JpaBehaviorDays days, LiveAnalyses live,
                        Alerts alerts, Announcements announcements, Clock clock,
                        @ConfigProperty(name = "petty.behavior.refresh") Duration refresh) {
        this.engines = engines;
        this.backlog = backlog;
        this.readings = readings;
        this.cursors = cursors;
        this.events = events;
        this.days = days;
        this.live = live;
        this.alerts = alerts;
        this.announcements = announcements;
        this.clock = clock;
        this.refresh = refresh;
        if (refresh != null && refresh.isNegative()) {
            throw new IllegalArgumentException("petty.behavior.refresh must not be negative");
        }
    }

    /** For CDI proxies; never called to build a working instance. */
    protected AnalysisPass() {
        this(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * What a pass did.
     *
     * @param readings how many it analysed
     * @param held     how many of those it took from memory rather than reading them back
     * @param deferred how many units in progress it left stale: open events and summary not stored, the cursor
     *                 only marked stale the first time
     * @param alerts   how many alert episodes it opened or resolved
     */
    public record Outcome(int collars, int units, int readings, int held, int changes, int deferred, int alerts) {

        static final Outcome NOTHING = new Outcome(0, 0, 0, 0, 0, 0, 0);
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
        // One engine for the whole pass: a model activated meanwhile is served from the next pass on.
        BehaviorEngine engine = engines.get();
        PassAlerts rules = new PassAlerts();
        rules.settingsOf(windows);
        List<Job> jobs = new ArrayList<>();
        List<Over> over = new ArrayList<>();
        Map<String, CursorRow> overElsewhere = new HashMap<>();
        for (Map.Entry<String, List<Arrival>> collar : byCollar.entrySet()) {
            String collarId = collar.getKey();
            plan(engine, collarId, rows.get(collarId), collar.getValue(), windows.getOrDefault(collarId, List.of()),
                    jobs, over, rules).ifPresent(unitOver -> overElsewhere.put(collarId, unitOver));
        }
        caughtUp(engine, overElsewhere, rules).forEach((collarId, current) ->
                over.add(new Over(collarId, overElsewhere.get(collarId).cursor(), current.analysis, current.closed)));
        Fed fed = feed(jobs, byCollar, rules);
        Instant now = clock.instant();
        // An alert opened or resolved is stored at once, with the cursor at the reading that did it.
        jobs.forEach(job -> job.stores = !job.inProgress || rules.changed(job.work.unit().collarId())
                || storesOpenEvents(job, now));
        List<StoredEvent> locked = events.lockForPass(openOf(jobs, over), wholeUnits(jobs));
        Map<StoredDay.Key, StoredDay> stored = storedDays(jobs, over);
        PassNews news = new PassNews();
        int changes = 0;
        int deferred = 0;
        Map<String, CursorRow> moved = new HashMap<>();
        for (Job job : jobs) {
            Unit unit = job.work.unit();
            if (!job.inProgress) {
                job.analysis.finish(job.closed::add);
                changes += apply(locked, unit, job.work.resume(), job.closed, List.of(), now, news);
                days.summarise(unit, job.analysis.summary(), stored, now);
                continue;
            }
            Cursor saved;
            byte[] savedAlerts;
            long[] storedOpen;
            if (job.stores) {
                List<DetectedEvent> open = new ArrayList<>();
                DaySummary summary = job.analysis.provisional(open::add);
                changes += apply(locked, unit, job.work.resume(), job.closed, open, now, news);
                days.summarise(unit, summary, stored, now);
                storedOpen = job.analysis.openStarts();
                saved = positionOf(unit.petId(), unit.start(), unit.end(), job.analysis);
                savedAlerts = rules.get(unit.collarId()).snapshot();
                moved.put(unit.collarId(), new CursorRow(saved, null, savedAlerts));
            } else {
                storedOpen = job.live.stored();
                deferred++;
                if (job.staleSince == null) {
                    // Marked stale with the arrivals it settles: whoever finds the mark reads back what follows.
                    saved = positionOf(unit.petId(), unit.start(), unit.end(), job.analysis);
                    savedAlerts = rules.get(unit.collarId()).snapshot();
                    moved.put(unit.collarId(), new CursorRow(saved, now, savedAlerts));
                } else {
                    saved = job.live.saved();
                    savedAlerts = job.live.savedAlerts();
                }
            }
            live.keep(unit.collarId(), new LiveAnalyses.Live(saved, savedAlerts, job.analysis, storedOpen,
                    rules.get(unit.collarId())));
        }
        for (Over ended : over) {
            // The unit that was in progress is over: what was open in it is closed as it stood.
            List<DetectedEvent> closed = ended.closed;
            ended.analysis.finish(closed::add);
            Cursor cursor = ended.cursor;
            changes += applyToCursorUnit(locked, ended.collarId, cursor, closed, List.of(), now, news);
            days.summariseStored(cursor.petId(), ended.collarId, cursor.unitStart(), ended.analysis.summary(), stored,
                    now);
        }
        List<Alert> alerted = rules.apply(alerts);
        alerted.forEach(news::alert);
        // One notification for the whole pass, at its commit (a NOTIFY serialises commits: never one per reading).
        announcements.publish(news);
        cursors.save(moved);
        backlog.settle(arrivals.stream().map(Arrival::id).toList());
        return new Outcome(byCollar.size(), jobs.size(), fed.held + fed.read, fed.held, changes, deferred,
                alerted.size());
    }

    /**
     * Brings the stored open events, summaries and cursors of these collars' units in progress up to date, where
     * passes left them stale; skips any collar another server holds, and any with arrivals waiting: the pass that
     * takes them stores what lags, since it lags longer than the refresh interval by then.
     *
     * @return how many units it brought up to date
     */
    @Transactional
    public int refresh(List<String> collarIds) {
        Map<String, CursorRow> rows = cursors.lock(collarIds);
        Map<String, CursorRow> lagging = new LinkedHashMap<>();
        rows.forEach((collarId, row) -> {
            if (row.staleSince() != null && row.cursor().state() != null) {
                lagging.put(collarId, row);
            }
        });
        if (lagging.isEmpty()) {
            return 0;
        }
        // Reading such a collar's unit back here would make its waiting arrivals late, and its day analysed again.
        backlog.arrivals(lagging.keySet()).forEach(arrival -> lagging.remove(arrival.collarId()));
        PassAlerts rules = new PassAlerts();
        Map<String, CaughtUp> stale = caughtUp(engines.get(), lagging, rules);
        Instant now = clock.instant();
        // A state other detectors wrote is analysed again from the day's first reading with the collar's next
        // readings. It keeps its mark for a server that can read it, and this one comes back to it a refresh later.
        cursors.markStale(lagging.keySet().stream().filter(collarId -> !stale.containsKey(collarId)).toList(), now);
        if (stale.isEmpty()) {
            return 0;
        }
        List<StoredEvent> locked = events.lockForPass(stale.keySet(), List.of());
        Map<StoredDay.Key, StoredDay> stored = days.ofCollarsFrom(stale.keySet(), stale.keySet().stream()
                .map(collarId -> rows.get(collarId).cursor().unitStart()).min(Comparator.naturalOrder()).orElseThrow());
        Map<String, CursorRow> moved = new HashMap<>();
        PassNews news = new PassNews();
        stale.forEach((collarId, current) -> {
            Cursor cursor = rows.get(collarId).cursor();
            UnitAnalysis analysis = current.analysis;
            List<DetectedEvent> open = new ArrayList<>();
            DaySummary summary = analysis.provisional(open::add);
            applyToCursorUnit(locked, collarId, cursor, current.closed, open, now, news);
            days.summariseStored(cursor.petId(), collarId, cursor.unitStart(), summary, stored, now);
            Cursor saved = positionOf(cursor.petId(), cursor.unitStart(), cursor.unitEnd(), analysis);
            byte[] savedAlerts = rules.get(collarId).snapshot();
            moved.put(collarId, new CursorRow(saved, null, savedAlerts));
            live.keep(collarId, new LiveAnalyses.Live(saved, savedAlerts, analysis, analysis.openStarts(),
                    rules.get(collarId)));
        });
        // What was read back was evaluated once already, without a change (a change is stored at once); with the
        // pet's settings changed since, it may make one now.
        rules.apply(alerts).forEach(news::alert);
        announcements.publish(news);
        cursors.save(moved);
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
                      List<DetectedEvent> open, Instant now, PassNews news) {
        return events.apply(JpaBehaviorEvents.ofUnit(locked, unit.collarId(), unit.petId(), unit.start(), unit.end(),
                onlyOpen), unit.collarId(), unit.petId(), closed, open, now, news::event);
    }

    /** The same for the unit a cursor was in, whose open events are all that can change. */
    private int applyToCursorUnit(List<StoredEvent> locked, String collarId, Cursor cursor, List<DetectedEvent> closed,
                                  List<DetectedEvent> open, Instant now, PassNews news) {
        return events.apply(JpaBehaviorEvents.ofUnit(locked, collarId, cursor.petId(), cursor.unitStart(),
                cursor.unitEnd(), true), collarId, cursor.petId(), closed, open, now, news::event);
    }

    /**
     * The analyses of these cursors' units through every reading whose arrival was settled: as this server's last
     * pass left them while the cursor still holds what it saved, else read back from the state, followed, where
     * the cursor is stale, by the unit's readings since, within its pet's pairing window (one query for all).
     *
     * @return by collar; without the collars whose state cannot be read back
     */
    private Map<String, CaughtUp> caughtUp(BehaviorEngine engine, Map<String, CursorRow> rows, PassAlerts rules) {
        Map<String, CaughtUp> current = new LinkedHashMap<>();
        List<String> behind = new ArrayList<>();
        rows.forEach((collarId, row) -> {
            Cursor cursor = row.cursor();
            Optional<LiveAnalyses.Live> kept = live.take(collarId, row);
            rules.of(collarId, row, kept);
            Optional<UnitAnalysis> analysis = kept.map(LiveAnalyses.Live::analysis).filter(a -> a.madeBy(engine));
            if (analysis.isEmpty()) {
                analysis = engine.restore(cursor.state());
                if (analysis.isPresent() && row.staleSince() != null) {
                    behind.add(collarId);
                }
            }
            analysis.ifPresent(found -> current.put(collarId, new CaughtUp(found, new ArrayList<>())));
        });
        if (behind.isEmpty()) {
            return current;
        }
        List<Instant> unitStarts = behind.stream().map(collarId -> rows.get(collarId).cursor().unitStart()).sorted()
                .toList();
        Map<String, List<PetWindow>> windows = cursors.windows(behind, unitStarts.get(0),
                unitStarts.get(unitStarts.size() - 1));
        rules.settingsOf(windows);
        readings.scan(behind.stream().map(collarId -> {
            Cursor cursor = rows.get(collarId).cursor();
            return new ReadingRepository.Span(collarId, AnalysisPlan.after(cursor.analysedThrough()),
                    readBackEnd(cursor, windows.getOrDefault(collarId, List.of())));
        }).toList(), (reading, span) -> {
            String collarId = behind.get(span);
            CaughtUp caughtUp = current.get(collarId);
            caughtUp.analysis.accept(reading, caughtUp.closed::add);
            rules.accept(collarId, rows.get(collarId).cursor().petId(), reading);
        });
        return current;
    }

    /**
     * Where a stale cursor's unit ends now: the collar may have been paired with another pet since it was saved, and
     * what it sent after that is the other pet's.
     */
    private static Instant readBackEnd(Cursor cursor, List<PetWindow> windows) {
        return windows.stream()
                .filter(window -> window.petId().equals(cursor.petId()) && !window.from().isAfter(cursor.unitStart())
                        && (window.until() == null || window.until().isAfter(cursor.unitStart())))
                .map(window -> window.until() == null || window.until().isAfter(cursor.unitEnd()) ? cursor.unitEnd()
                        : window.until())
                .findFirst()
                // No window of its pet holds it any more: nothing after the cursor is the pet's.
                .orElse(AnalysisPlan.after(cursor.analysedThrough()));
    }

    /** An analysis brought up to the last settled reading, and the events that closed on the way. */
    private record CaughtUp(UnitAnalysis analysis, List<DetectedEvent> closed) {
    }

    /** The cursor that resumes this analysis of the unit: its position, and its state. */
    private static Cursor positionOf(UUID petId, Instant unitStart, Instant unitEnd, UnitAnalysis analysis) {
        return new Cursor(petId, unitStart, unitEnd, analysis.lastTimestamp(), analysis.snapshot());
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

        /** One of the unit's readings, in order: to its analysis and to its collar's alert rules. */
        void take(Reading reading, PassAlerts rules) {
            analysis.accept(reading, closed::add);
            rules.accept(work.unit().collarId(), work.unit().petId(), reading);
        }
    }

    /**
     * A collar's unit that was in progress and is over now that a newer one is.
     *
     * @param closed what closed in it so far: its analysis is finished with these
     */
    private record Over(String collarId, Cursor cursor, UnitAnalysis analysis, List<DetectedEvent> closed) {
    }

    /**
     * Adds the collar's jobs, and its unit that is over when this server's memory has the analysis of it.
     *
     * @return the cursor, when its unit is over and its analysis is to be read back
     */
    private Optional<CursorRow> plan(BehaviorEngine engine, String collarId, CursorRow row, List<Arrival> arrivals,
                                     List<PetWindow> windows, List<Job> jobs, List<Over> over, PassAlerts rules) {
        Cursor stored = row.cursor();
        Optional<LiveAnalyses.Live> taken = live.take(collarId, row);
        rules.of(collarId, row, taken);
        // An analysis another engine made (before a model was activated) is not carried on: the unit starts again.
        LiveAnalyses.Live kept = taken.filter(live -> live.analysis().madeBy(engine)).orElse(null);
        // Planned from where the analysis is, which after deferred passes is past the stored cursor.
        Cursor cursor = kept != null ? kept.position() : stored;
        List<AnalysisPlan.Work> plan = AnalysisPlan.of(collarId, cursor, arrivals, windows);
        Instant inProgress = AnalysisPlan.inProgress(cursor, plan);
        boolean cursorUnitPlanned = false;
        for (AnalysisPlan.Work planned : plan) {
            UnitAnalysis resumed = !planned.resume() ? null
                    : kept != null ? kept.analysis() : engine.restore(stored.state()).orElse(null);
            // A stale cursor read back lacks what deferred passes analysed without saving: late arrivals may lie
            // among those readings, so it takes in all the unit's readings after it, in order.
            AnalysisPlan.Work work = resumed == null ? planned.fromTheStart()
                    : kept == null && row.staleSince() != null ? planned.throughTheEnd() : planned;
            jobs.add(new Job(work, resumed != null ? resumed : engine.start(), work.unit().start().equals(inProgress),
                    resumed != null ? kept : null, resumed != null ? row.staleSince() : null));
            cursorUnitPlanned |= stored.unitStart() != null && work.unit().start().equals(stored.unitStart());
        }
        if (stored.state() == null || cursorUnitPlanned || stored.unitStart().equals(inProgress)) {
            return Optional.empty();
        }
        if (kept == null) {
            return Optional.of(row);
        }
        over.add(new Over(collarId, stored, kept.analysis(), new ArrayList<>()));
        return Optional.empty();
    }

    /**
     * Feeds every job its readings: a unit that continues takes its collar's new readings from memory when this
     * server stored them all (the usual case), any other job reads them, all in one query.
     *
     * @return how many, from where
     */
    private Fed feed(List<Job> jobs, Map<String, List<Arrival>> byCollar, PassAlerts rules) {
        int fromMemory = 0;
        List<Job> toRead = new ArrayList<>();
        for (Job job : jobs) {
            AnalysisPlan.Work work = job.work;
            // Only the unit in progress continues, so each collar's arrivals are asked for once. An analysis read
            // back from a stale cursor needs readings from before them too.
            boolean onlyArrivals = work.resume() && (job.live != null || job.staleSince == null);
            Optional<List<Reading>> held = onlyArrivals ? backlog.held(byCollar.get(work.unit().collarId()))
                    : Optional.empty();
            if (held.isEmpty()) {
                toRead.add(job);
                continue;
            }
            for (Reading reading : held.get()) {
                if (!reading.timestamp().isBefore(work.from()) && reading.timestamp().isBefore(work.to())) {
                    job.take(reading, rules);
                    fromMemory++;
                }
            }
        }
        int[] read = {0};
        readings.scan(toRead.stream().map(job -> new ReadingRepository.Span(job.work.unit().collarId(), job.work.from(),
                job.work.to())).toList(), (reading, span) -> {
            toRead.get(span).take(reading, rules);
            read[0]++;
        });
        return new Fed(fromMemory, read[0]);
    }

    private record Fed(int held, int read) {
    }

    /** The collars whose units continue and store their open events, or whose unit in progress is over. */
    private static Set<String> openOf(List<Job> jobs, List<Over> over) {
        Set<String> collars = new HashSet<>();
        jobs.stream().filter(job -> job.work.resume() && job.stores)
                .forEach(job -> collars.add(job.work.unit().collarId()));
        over.forEach(ended -> collars.add(ended.collarId()));
        return collars;
    }

    private static List<Unit> wholeUnits(List<Job> jobs) {
        return jobs.stream().filter(job -> !job.work.resume()).map(job -> job.work.unit()).toList();
    }
}
