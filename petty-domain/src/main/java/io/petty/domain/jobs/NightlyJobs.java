package io.petty.domain.jobs;

import io.petty.domain.platform.SchemaReady;
import io.petty.domain.platform.ServerName;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts each nightly job once a day, at its configured UTC time, on whichever server claims the day first; a day
 * whose time passed while no server ran is started by the first one up. Checked every minute on every server.
 */
@ApplicationScoped
public class NightlyJobs {

    private static final Logger LOG = Logger.getLogger(NightlyJobs.class.getName());
    private static final long CHECK_SECONDS = 60;

    private final Jobs jobs;
    private final ScheduledRuns runs;
    private final ManagedScheduledExecutorService scheduler;
    private final Clock clock;
    private final List<NightlyJob> nightly;
    private volatile Future<?> checking;

    @Inject
    public NightlyJobs(Jobs jobs, ScheduledRuns runs, ManagedScheduledExecutorService scheduler, Clock clock,
                       Instance<NightlyJob> nightly) {
        this.jobs = jobs;
        this.runs = runs;
        this.scheduler = scheduler;
        this.clock = clock;
        this.nightly = nightly.stream().toList();
    }

    /** For CDI proxies; never called to build a working instance. */
    protected NightlyJobs() {
        this.jobs = null;
        this.runs = null;
        this.scheduler = null;
        this.clock = null;
        this.nightly = null;
    }

    void start(@Observes SchemaReady ready) {
        if (checking == null) {
            checking = scheduler.scheduleWithFixedDelay(this::startDue, 0, CHECK_SECONDS, TimeUnit.SECONDS);
        }
    }

    void stop(@Observes Shutdown shutdown) {
        Future<?> task = checking;
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Starts every job whose time has come today and that no server has started today. */
    void startDue() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalTime time = LocalTime.ofInstant(now, ZoneOffset.UTC);
        nightly.forEach(job -> {
            try {
                if (!time.isBefore(job.at()) && runs.claim(job.job(), today, ServerName.current(), now)) {
                    start(job.job(), today, job.parameters(today));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not claim the nightly " + job.job() + " job of " + today + ": " + e);
            }
        });
    }

    private void start(String job, LocalDate day, Map<String, String> parameters) {
        long execution;
        try {
            execution = jobs.start(job, parameters, null);
        } catch (RuntimeException e) {
            runs.release(job, day);
            LOG.log(Level.WARNING, "Could not start the nightly " + job + " job of " + day + "; trying again within a"
                    + " minute: " + e, e);
            return;
        }
        runs.started(job, day, execution);
        LOG.info("Started the nightly " + job + " job of " + day + ": execution " + execution);
    }
}
