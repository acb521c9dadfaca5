package io.petty.cli.load;

import io.petty.cli.DatabaseCommand;
import io.petty.cli.ExitCode;
import io.petty.cli.OutputOption;
import io.petty.domain.collars.CollarFactory;
import io.petty.domain.collars.CollarRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code petty load}: a simulated collar fleet against a running server. The database options are for making the
 * fleet's new collars (as {@code petty collars provision} does at the factory), the verification afterwards and the
 * COPY ceiling; the fleet itself only speaks HTTP, as real collars do.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a fleet of collars: make new collars in the database as the factory does, provision "
                + "(or reuse) owners and pair the collars through the API, send "
                + "realistic readings, report throughput, latency percentiles and errors, and check in the database "
                + "that every acknowledged reading is stored.",
                "Exit 1 when an acknowledged reading is missing or none was acknowledged, or when event probes ran and "
                        + "not one saw its session in the timeline (a probe's timeout alone does not fail the run)."})
public class LoadCommand extends DatabaseCommand {

    @Option(names = "--url", defaultValue = "http://localhost:9080",
            description = "Server base URL, http only (default ${DEFAULT-VALUE}).")
    URI url;
    @Option(names = "--collars", defaultValue = "100", description = "Collars sending (default ${DEFAULT-VALUE}).")
    int collars;
    @Option(names = "--batch", defaultValue = "100",
            description = "Readings per request, 1-1000; 1 sends single readings (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--reading-interval", defaultValue = "1ms", converter = DurationConverter.class,
            description = "Collar-clock time between a collar's consecutive readings: 1s, 10ms, 1ms. A collar's clock "
                    + "starts after its pairing and its previous runs and never passes now: at 1s the fleet sends in "
                    + "real time, at 1ms (the default, for load) as fast as the server takes it.")
    Duration readingInterval;
    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to send: 60s, 5m, PT1H (default ${DEFAULT-VALUE}).")
    Duration duration;
    @Option(names = "--rate", defaultValue = "0",
            description = "Readings per second offered by the whole fleet; 0 = as fast as the server takes them.")
    double rate;
    @Option(names = "--concurrency", defaultValue = "16", description = "Requests in flight at most; more than the "
            + "server's petty.ingest.max-concurrent (16) are refused with 503 (default ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--motion", description = "Add a 2 s, 50 Hz IMU window to every reading.")
    boolean motion;
    @Option(names = "--readers", defaultValue = "0",
            description = "Owners polling their collars' real-time view while the fleet sends (default ${DEFAULT-VALUE}).")
    int readers;
    @Option(names = "--read-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often a reader polls each collar (default ${DEFAULT-VALUE}).")
    Duration readInterval;
    @Option(names = "--event-probes", defaultValue = "0",
            description = "Collars of their own, each with its owner, that start a new session every --probe-interval "
                    + "and time how soon it shows in the pet's timeline while the fleet sends; their readings are not "
                    + "in the fleet's figures. Raise the server's timeline rate limit (20 burst, 2/s per owner) for "
                    + "them (default ${DEFAULT-VALUE}).")
    int eventProbes;
    @Option(names = "--probe-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often each event probe starts a session (default ${DEFAULT-VALUE}).")
    Duration probeInterval;
    @Option(names = "--probe-poll", defaultValue = "50ms", converter = DurationConverter.class,
            description = "How long a probe pauses between polls of its timeline: the samples' resolution; each poll "
                    + "reads the whole day's timeline, which grows by an event a batch, so finer polling loads the "
                    + "server it measures (default ${DEFAULT-VALUE}).")
    Duration probePoll;
    @Option(names = "--probe-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long after the ingest's answer a probe waits for its session before the sample counts "
                    + "as timed out (default ${DEFAULT-VALUE}).")
    Duration probeTimeout;
    @Option(names = "--fleet-file", defaultValue = "${sys:user.home}/.petty/load-fleet.json",
            description = "Where owners and collars are kept for the next run (default ${DEFAULT-VALUE}).")
    Path fleetFile;
    @Option(names = "--max-attempts", defaultValue = "10",
            description = "Attempts per batch on 429, 503 or a lost connection (default ${DEFAULT-VALUE}).")
    int maxAttempts;
    @Option(names = "--grace", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long after --duration the last batches are still retried (default ${DEFAULT-VALUE}).")
    Duration grace;
    @Option(names = "--verify", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Check in the database that every acknowledged reading is stored (default: on).")
    boolean verify;
    @Option(names = "--compare-copy",
            description = "Before the run, time COPY of --copy-rows generated rows into a scratch table: the ceiling.")
    boolean compareCopy;
    @Option(names = "--copy-rows", defaultValue = "500000", description = "Rows for --compare-copy (default ${DEFAULT-VALUE}).")
    long copyRows;
    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        LoadPlan plan;
        try {
            plan = new LoadPlan(url, collars, batch, readingInterval, duration, rate, concurrency, motion, readers,
                    readInterval, new LoadPlan.Probes(eventProbes, probeInterval, probePoll, probeTimeout), fleetFile,
                    new RetryPolicy(RetryPolicy.DEFAULT.base(), RetryPolicy.DEFAULT.cap(), maxAttempts), grace);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        CopyCeiling.Result copy = null;
        if (compareCopy) {
            err().printf(Locale.ROOT, "COPY ceiling: writing %,d rows...%n", copyRows);
            copy = new CopyCeiling(database.dataSource()).measure(copyRows, collars, readingInterval, motion);
        }
        StatusLine status = new StatusLine(err(), System.console() != null);
        FactoryCollars factory = new FactoryCollars(new CollarFactory(CollarRepository.using(database.dataSource())));
        LoadReport report = new FleetSimulator(status, factory).run(plan).withCopy(copy);
        status.finish();
        if (verify) {
            report = report.withVerification(new ReadingVerifier(database.dataSource()).verify(report.acknowledgements()));
        }
        out().print(output.json() ? ReportFormat.json(report) : ReportFormat.text(report));
        out().flush();
        boolean missing = report.verification() != null && !report.verification().complete();
        if (missing) {
            err().println("petty: acknowledged readings are missing from the database");
            return ExitCode.CHECK_FAILED;
        }
        if (report.acknowledged() == 0) {
            // Freshly paired collars at 1s fill the default batch of 100 in 100 s: longer than the default run.
            boolean clocksOnly = report.requests() == 0 && report.clockWaits() > 0;
            err().println("petty: the server acknowledged no reading" + (clocksOnly ? String.format(Locale.ROOT,
                    "; no collar's clock reached the end of a batch (%d readings %s apart) within --duration: "
                            + "lower --batch or --reading-interval",
                    plan.batch(), ReportFormat.shortForm(plan.readingInterval())) : ""));
            return ExitCode.CHECK_FAILED;
        }
        LoadReport.Events events = report.events();
        if (events != null && events.samples() == 0) {
            err().printf(Locale.ROOT, "petty: no event probe saw its session in the timeline: %d timed out after %s, "
                    + "%d failed, %d refused%n", events.timeouts(),
                    ReportFormat.shortForm(report.plan().probes().timeout()), events.failed(), events.refused());
            return ExitCode.CHECK_FAILED;
        }
        return ExitCode.OK;
    }

    /**
     * Progress on standard error, once a second: rewritten in place on a terminal, a line each time otherwise
     * (a log file should not fill with carriage returns).
     */
    static final class StatusLine implements LoadListener {
        private final PrintWriter err;
        private final boolean terminal;
        private long lastProvisioningNanos;
        private boolean open;

        StatusLine(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public synchronized void provisioning(int ready, int wanted) {
            long now = System.nanoTime();
            if (ready == wanted || now - lastProvisioningNanos >= 1_000_000_000L) {
                lastProvisioningNanos = now;
                show(String.format(Locale.ROOT, "provisioning: %,d of %,d collars ready", ready, wanted));
            }
        }

        @Override
        public synchronized void fleetReady(Fleet fleet) {
            finish();
            err.printf(Locale.ROOT, "fleet: %d owners (%d reused, %d created), %d collars (%d reused, %d created)%n",
                    fleet.owners().size(), fleet.ownersReused(), fleet.ownersCreated(), fleet.collars().size(),
                    fleet.collarsReused(), fleet.collarsCreated());
        }

        @Override
        public synchronized void progress(Progress progress) {
            show(String.format(Locale.ROOT, "%4d s  acknowledged %,d  %,.0f readings/s  p99 %.1f ms  errors %,d",
                    progress.elapsed().toSeconds(), progress.acknowledged(), progress.readingsPerSecond(),
                    progress.p99Millis(), progress.errors()));
        }

        synchronized void finish() {
            if (open) {
                err.println();
                open = false;
            }
        }

        private void show(String line) {
            if (terminal) {
                err.print("\r" + line + "\033[K");
                err.flush();
                open = true;
            } else {
                err.println(line);
            }
        }
    }
}
