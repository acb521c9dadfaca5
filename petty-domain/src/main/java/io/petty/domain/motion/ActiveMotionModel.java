package io.petty.domain.motion;

import io.petty.domain.platform.SchemaReady;
import io.petty.domain.platform.ServerName;
import jakarta.annotation.Priority;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The motion model this server serves: the one activated in PostgreSQL, loaded once the schema is ready (before the
 * behavior engine's first pass) and again whenever an activation is announced ({@link #reload}). A database with no
 * model at all gets the one the server ships with, trained on the shared dog-collar data, stored and activated.
 * Every {@value #REPORT_SECONDS} s it hands the confidence monitor's averages to the database. The served model's
 * rolling average is a gauge (Prometheus: {@code petty_model_confidence}, with
 * {@code petty_model_confidence_predictions} saying how many predictions it averages; NaN while none was served).
 */
@ApplicationScoped
public class ActiveMotionModel {

    /** The model shipped in this package's resources: {@code petty model train} on the shared dog-collar data. */
    public static final String BUNDLED = "dog-collar-default.zip";
    static final long REPORT_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(ActiveMotionModel.class.getName());
    private static final String SERVER = "petty-server";
    private static final Metadata CONFIDENCE = Metadata.builder().withName("petty.model.confidence")
            .withDescription("Average calibrated confidence of the served motion model's latest predictions").build();
    private static final Metadata PREDICTIONS = Metadata.builder().withName("petty.model.confidence.predictions")
            .withDescription("How many of the served motion model's latest predictions the confidence averages")
            .build();

    private final MotionModels models;
    private final ConfidenceMonitor monitor;
    private final ManagedScheduledExecutorService scheduler;
    private final Clock clock;
    private final String serverName;
    private volatile MotionModel current;
    private volatile Future<?> reporting;

    @Inject
    public ActiveMotionModel(MotionModels models, ConfidenceMonitor monitor, ManagedScheduledExecutorService scheduler,
                             Clock clock, MetricRegistry registry) {
        this.models = models;
        this.monitor = monitor;
        this.scheduler = scheduler;
        this.clock = clock;
        this.serverName = ServerName.current();
        registry.gauge(CONFIDENCE, this, served -> served.confidence().map(MotionModels.Confidence::average)
                .orElse(Double.NaN));
        registry.gauge(PREDICTIONS, this, served -> served.confidence().map(MotionModels.Confidence::predictions)
                .orElse(0L));
    }

    /** For CDI proxies; never called to build a working instance. */
    protected ActiveMotionModel() {
        this.models = null;
        this.monitor = null;
        this.scheduler = null;
        this.clock = null;
        this.serverName = null;
    }

    /** Earlier than the engine's worker, which starts on the same event. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION - 100) SchemaReady ready) {
        try {
            if (models.activeVersion().isEmpty()) {
                MotionModel bundled = bundled();
                models.store(bundled, SERVER, clock.instant());
                models.activate(bundled.version(), SERVER, clock.instant());
                LOG.info("No motion model was active: activated the bundled one, " + bundled.version());
            }
            reload();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not load the motion model (" + e.getMessage() + "); the rule detectors run "
                    + "alone until it is announced again");
        }
        if (reporting == null) {
            reporting = scheduler.scheduleWithFixedDelay(this::report, REPORT_SECONDS, REPORT_SECONDS,
                    TimeUnit.SECONDS);
        }
    }

    void stop(@Observes Shutdown shutdown) {
        Future<?> task = reporting;
        if (task != null) {
            task.cancel(true);
        }
    }

    /** The model to serve now; empty when none is active (the engine runs its rule detectors alone). */
    public Optional<MotionModel> current() {
        return Optional.ofNullable(current);
    }

    private Optional<MotionModels.Confidence> confidence() {
        MotionModel serving = current;
        return serving == null ? Optional.empty() : monitor.rolling(serving.version());
    }

    /** Reads which model is active and loads it if it is not the one served: after an activation anywhere. */
    public void reload() {
        Optional<String> active = models.activeVersion();
        MotionModel serving = current;
        if (active.isPresent() && serving != null && serving.version().equals(active.get())) {
            return;
        }
        current = active.isEmpty() ? null : models.active().orElse(null);
        LOG.info("Motion model now served: " + (current == null ? "none" : current.version()));
    }

    private void report() {
        try {
            monitor.report(models, serverName, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not report the motion model's confidence: " + e.getMessage());
        }
    }

    /** The model this server ships with. */
    public static MotionModel bundled() {
        try (InputStream in = ActiveMotionModel.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the build");
            }
            return MotionModel.fromArtifact(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
