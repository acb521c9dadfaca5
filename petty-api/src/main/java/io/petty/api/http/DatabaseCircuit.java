package io.petty.api.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The circuit between requests and PostgreSQL. Closed, requests go through. After {@code petty.db.circuit.failures}
 * requests in a row failed on the database it opens: requests are refused at once with 503 and {@code Retry-After}
 * instead of each waiting its bound (and holding a thread and a pooled connection), and readiness reports DOWN so a
 * load balancer sends traffic elsewhere. Once {@code petty.db.circuit.open-for} has passed, the next caller — a
 * request, or the readiness probe when no traffic comes — asks the database whether it answers: yes closes the
 * circuit, silence keeps it open for another period. So it closes by itself.
 *
 * <p>Written here rather than with MicroProfile Fault Tolerance's {@code @CircuitBreaker}: that one guards a single
 * bean method and keeps its state to itself, while Petty's database calls are spread over every repository and the
 * readiness check must report the state.
 */
@ApplicationScoped
public class DatabaseCircuit {

    private static final Logger LOG = Logger.getLogger(DatabaseCircuit.class.getName());
    private static final int PROBE_TIMEOUT_SECONDS = 1;
    private static final Metadata OPEN = Metadata.builder().withName("petty.db.circuit.open")
            .withDescription("1 while the circuit to the database is open (requests refused at once with 503)")
            .build();

    private final BooleanSupplier databaseAnswers;
    private final int failuresToOpen;
    private final Duration openFor;
    private final Clock clock;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicBoolean probing = new AtomicBoolean();
    /** When the open circuit may next try the database; null while closed. */
    private volatile Instant openUntil;

    @Inject
    public DatabaseCircuit(DataSource dataSource,
                           @ConfigProperty(name = "petty.db.circuit.failures") int failuresToOpen,
                           @ConfigProperty(name = "petty.db.circuit.open-for") Duration openFor,
                           Clock clock, MetricRegistry registry) {
        this(() -> answers(dataSource), failuresToOpen, openFor, clock);
        registry.gauge(OPEN, this, circuit -> circuit.isOpen() ? 1 : 0);
    }

    DatabaseCircuit(BooleanSupplier databaseAnswers, int failuresToOpen, Duration openFor, Clock clock) {
        if (failuresToOpen < 1 || openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("petty.db.circuit.failures must be at least 1 and "
                    + "petty.db.circuit.open-for positive");
        }
        this.databaseAnswers = databaseAnswers;
        this.failuresToOpen = failuresToOpen;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected DatabaseCircuit() {
        this.databaseAnswers = null;
        this.failuresToOpen = 0;
        this.openFor = null;
        this.clock = null;
    }

    /**
     * Whether a request may use the database now. While open, the first caller after the open period tries the
     * database (one at a time; the others are refused meanwhile).
     */
    public boolean admits() {
        Instant until = openUntil;
        if (until == null) {
            return true;
        }
        if (clock.instant().isBefore(until) || !probing.compareAndSet(false, true)) {
            return false;
        }
        try {
            if (databaseAnswers.getAsBoolean()) {
                close();
                return true;
            }
            openUntil = clock.instant().plus(openFor);
            return false;
        } finally {
            probing.set(false);
        }
    }

    /** A request failed because the database did not answer (or refused the connection). */
    public void failed() {
        if (failuresInARow.incrementAndGet() >= failuresToOpen && openUntil == null) {
            openUntil = clock.instant().plus(openFor);
            LOG.warning("The circuit to the database opened after " + failuresToOpen
                    + " requests in a row failed on it; requests are refused for " + openFor.toSeconds() + " s");
        }
    }

    /** A request was served: the failures so far were not in a row. */
    public void succeeded() {
        // Read before writing: requests succeed all the time, and a plain read costs no cache-line transfer.
        if (failuresInARow.get() != 0) {
            failuresInARow.set(0);
        }
    }

    public boolean isOpen() {
        return openUntil != null;
    }

    /** How long a refused client should wait before trying again: until the circuit next tries the database. */
    public Duration retryAfter() {
        Instant until = openUntil;
        Duration left = until == null ? Duration.ZERO : Duration.between(clock.instant(), until);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    private void close() {
        failuresInARow.set(0);
        openUntil = null;
        LOG.info("The circuit to the database closed: it answers again");
    }

    private static boolean answers(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
