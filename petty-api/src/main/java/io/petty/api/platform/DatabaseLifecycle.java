package io.petty.api.platform;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.platform.SchemaReady;
import io.petty.domain.telemetry.ReadingPartitions;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start, migrates the schema (unless switched off) and creates the
 * coming days' reading partitions; then keeps creating them every hour. When PostgreSQL is not reachable
 * at start the server still starts, reports not-ready, and tries again every few seconds: an orchestrator
 * may start the database after the server.
 */
@ApplicationScoped
public class DatabaseLifecycle {

    private static final Logger LOG = Logger.getLogger(DatabaseLifecycle.class.getName());
    private static final long RETRY_SECONDS = 5;
    private static final long UPKEEP_MINUTES = 60;

    /** Where the schema stands; read by the readiness check. */
    public record SchemaState(boolean current, boolean attempted, String detail) {
    }

    private final SchemaMigrations migrations;
    private final ReadingPartitions partitions;
    private final ManagedScheduledExecutorService scheduler;
    private final Clock clock;
    private final boolean migrateAtStart;
    private final int partitionDaysAhead;
    private final Event<SchemaReady> ready;

    private volatile SchemaState state = new SchemaState(false, false, "not checked yet");
    private volatile ScheduledFuture<?> pending;

    @Inject
    public DatabaseLifecycle(DataSource dataSource, ReadingPartitions partitions,
                             ManagedScheduledExecutorService scheduler, Clock clock,
                             @ConfigProperty(name = "petty.migrate-at-start") boolean migrateAtStart,
                             @ConfigProperty(name = "petty.readings.partition-days-ahead") int partitionDaysAhead,
                             Event<SchemaReady> ready) {
        this.migrations = new SchemaMigrations(dataSource);
        this.partitions = partitions;
        this.scheduler = scheduler;
        this.clock = clock;
        this.migrateAtStart = migrateAtStart;
        this.partitionDaysAhead = partitionDaysAhead;
        this.ready = ready;
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected DatabaseLifecycle() {
        this.migrations = null;
        this.partitions = null;
        this.scheduler = null;
        this.clock = null;
        this.migrateAtStart = false;
        this.partitionDaysAhead = 0;
        this.ready = null;
    }

    void onStart(@Observes Startup event) {
        prepare();
    }

    void onShutdown(@Observes Shutdown event) {
        ScheduledFuture<?> next = pending;
        if (next != null) {
            next.cancel(false);
        }
    }

    public SchemaState state() {
        return state;
    }

    private void prepare() {
        try {
            if (migrateAtStart) {
                int applied = migrations.migrate();
                LOG.info(() -> "Schema migrations applied: " + applied + "; schema at version "
                        + migrations.currentVersion());
            }
            int waiting = migrations.pending();
            if (waiting > 0) {
                retry(new SchemaState(false, true, waiting + " migration(s) pending; run `petty db migrate`"
                        + " or start with petty.migrate-at-start=true"));
                return;
            }
            keepPartitionsAhead();
            state = new SchemaState(true, true, "schema at version " + migrations.currentVersion());
            pending = scheduler.scheduleAtFixedRate(this::keepPartitionsAhead, UPKEEP_MINUTES, UPKEEP_MINUTES,
                    TimeUnit.MINUTES);
            ready.fire(new SchemaReady());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Database not ready (" + e.getMessage() + "); retrying in " + RETRY_SECONDS + " s");
            // The health document says what state it is in; why is for the log (it may name hosts and users).
            retry(new SchemaState(false, true, "database not ready; retrying"));
        }
    }

    private void retry(SchemaState notReady) {
        state = notReady;
        pending = scheduler.schedule(this::prepare, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private void keepPartitionsAhead() {
        try {
            partitions.ensureAhead(LocalDate.now(clock.withZone(ZoneOffset.UTC)), partitionDaysAhead);
        } catch (RuntimeException e) {
            // Ingest creates a missing partition on demand, so a failed upkeep run only costs latency.
            LOG.log(Level.WARNING, "Could not create upcoming reading partitions: " + e.getMessage());
        }
    }
}
