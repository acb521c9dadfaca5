package io.petty.domain.behavior.internal;

import io.petty.domain.platform.SchemaReady;
import io.petty.domain.telemetry.ReadingBacklog;
import io.petty.domain.telemetry.ReadingsArrived;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs analysis passes off the request path for as long as the server runs: at once when this server stored new
 * readings, and every {@code petty.behavior.poll} anyway, for readings other servers stored and for work left by a
 * server that died; and every tenth of {@code petty.behavior.refresh} it brings up to date the open events that
 * passes left stale for longer than that; every minute it checks for silent collars. Several servers may run passes
 * on the same backlog: each collar is locked
 * by one at a time.
 */
@ApplicationScoped
public class AnalysisWorker {

    private static final Logger LOG = Logger.getLogger(AnalysisWorker.class.getName());
    /** Collars per pass: one transaction, one commit, for up to this many collars' new readings. */
    static final int COLLARS_PER_PASS = 512;
    /** After a failed pass (the database is away, say), before the next. */
    private static final Duration BACK_OFF = Duration.ofSeconds(1);
    /** The shortest time between two looks for units left stale (see {@link AnalysisPass#refreshStale}). */
    private static final Duration MIN_SWEEP = Duration.ofSeconds(1);
    /** Between two checks for silent collars: an episode opens at most this late. */
    static final Duration SILENCE_CHECK = Duration.ofMinutes(1);

    private final ReadingBacklog backlog;
    private final AnalysisPass pass;
    private final SilenceCheck silence;
    private final ManagedExecutorService executor;
    private final Duration poll;
    private final Duration pace;
    /** A tenth of the refresh interval: a unit lags at most about 1.1 times it; a scan of every cursor each time. */
    private final Duration sweep;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    /** {@link System#nanoTime()} of the last look for stale units; only the worker's thread uses it. */
    private long lastSweep = System.nanoTime();
    /** {@link System#nanoTime()} of the last check for silent collars; only the worker's thread uses it. */
    private long lastSilenceCheck = System.nanoTime();
    private volatile Future<?> task;

    @Inject
    public AnalysisWorker(ReadingBacklog backlog, AnalysisPass pass, SilenceCheck silence,
                          ManagedExecutorService executor,
                          @ConfigProperty(name = "petty.behavior.poll") Duration poll,
                          @ConfigProperty(name = "petty.behavior.pace") Duration pace,
                          @ConfigProperty(name = "petty.behavior.refresh") Duration refresh) {
        this.backlog = backlog;
        this.pass = pass;
        this.silence = silence;
        this.executor = executor;
        this.poll = poll;
        this.pace = pace;
        this.sweep = refresh == null ? null : max(MIN_SWEEP, refresh.dividedBy(10));
    }

    /** For CDI proxies; never called to build a working instance. */
    protected AnalysisWorker() {
        this(null, null, null, null, null, null, null);
    }

    synchronized void start(@Observes SchemaReady ready) {
        if (!running) {
            running = true;
            task = executor.submit(this::run);
        }
    }

    void stop(@Observes Shutdown shutdown) {
        running = false;
        Future<?> working = task;
        if (working != null) {
            working.cancel(true);
        }
    }

    /** New readings on this server: the next pass need not wait for the poll. */
    void readingsArrived(@Observes ReadingsArrived arrived) {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void run() {
        while (running) {
            try {
                refreshStale();
                checkSilence();
                List<String> waiting = backlog.waitingCollars(COLLARS_PER_PASS);
                if (waiting.isEmpty()) {
                    await(poll);
                    continue;
                }
                long started = System.nanoTime();
                AnalysisPass.Outcome outcome = pass.analyse(waiting);
                LOG.fine(() -> "Analysis pass: " + outcome);
                if (outcome.collars() == 0) {
                    // Every one of them is another server's for now.
                    await(poll);
                } else {
                    // Under load, passes take turns at this pace, each taking in what arrived meanwhile: fewer
                    // transactions, and a collar's readings of a few requests analysed together.
                    sleep(pace.minusNanos(System.nanoTime() - started));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Analysis pass failed (" + e.getMessage() + "); retrying in "
                        + BACK_OFF.toSeconds() + " s");
                sleep(BACK_OFF);
            }
        }
    }

    /** Every {@link #sweep}, whatever the load: units left stale longer than the refresh interval, by any server. */
    private void refreshStale() {
        if (System.nanoTime() - lastSweep < sweep.toNanos()) {
            return;
        }
        lastSweep = System.nanoTime();
        int refreshed = pass.refreshStale(COLLARS_PER_PASS);
        if (refreshed > 0) {
            LOG.fine(() -> "Refreshed the open events of " + refreshed + " units");
        }
    }

    /** Every {@link #SILENCE_CHECK}, whatever the load: collars silent for too long, on any server. */
    private void checkSilence() {
        if (System.nanoTime() - lastSilenceCheck < SILENCE_CHECK.toNanos()) {
            return;
        }
        lastSilenceCheck = System.nanoTime();
        int opened = silence.check(COLLARS_PER_PASS);
        if (opened > 0) {
            LOG.fine(() -> "Collars silent: " + opened);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void await(Duration longest) {
        try {
            // Woken by an ingest, or not within the longest wait: either way it looks for work now.
            boolean woken = wakeUps.tryAcquire(longest.toMillis(), TimeUnit.MILLISECONDS);
            if (woken) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void sleep(Duration pause) {
        if (pause.isNegative() || pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
