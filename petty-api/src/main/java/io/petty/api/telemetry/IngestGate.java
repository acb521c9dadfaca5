package io.petty.api.telemetry;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many ingest requests are read and written at once ({@code petty.ingest.max-concurrent} small
 * bodies, and as many large ones: batches never crowd out single readings). The rest are refused at once with
 * 503 and {@code Retry-After} instead of queueing, so memory and latency stay bounded whatever the load; a
 * refused request stored nothing and may simply be sent again.
 *
 * <p>Large bodies (batches) also take turns for the processors ({@code petty.ingest.max-concurrent-large}, default one
 * per processor): parsing and writing hundreds of readings is CPU work for Liberty and PostgreSQL, and a dozen
 * such requests at once only share the cores slower while single readings and real-time reads wait behind
 * them. Measured on 2 cores during full-speed batch ingest: real-time p99 12 ms with 2 turns, 22-27 ms with 4,
 * over 100 ms with 16 (4 turns gave about 10 % more batch throughput than 2).
 */
@ApplicationScoped
public class IngestGate {

    /** Held while one request is being ingested; closing it lets the next one in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Bodies above this size (some 50 readings) wait for a processor turn; smaller ones go straight through. */
    static final int LARGE_BODY_BYTES = 8 * 1024;

    /** A large body waits this long at most for its turn: longer means the server is saturated. */
    private static final Duration LONGEST_TURN_WAIT = Duration.ofSeconds(2);

    private static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore smallPermits;
    private final Semaphore largePermits;
    private final Semaphore largeTurns;
    private final Duration longestTurnWait;

    @Inject
    public IngestGate(@ConfigProperty(name = "petty.ingest.max-concurrent") int maxConcurrent,
                      @ConfigProperty(name = "petty.ingest.max-concurrent-large")
                      Optional<Integer> maxConcurrentLarge) {
        this(maxConcurrent, maxConcurrentLarge.orElse(Runtime.getRuntime().availableProcessors()), LONGEST_TURN_WAIT);
    }

    IngestGate(int maxConcurrent, int turns, Duration longestTurnWait) {
        if (maxConcurrent < 1 || turns < 1) {
            throw new IllegalArgumentException("petty.ingest.max-concurrent and petty.ingest.max-concurrent-large "
                    + "must be at least 1, not " + maxConcurrent + " and " + turns);
        }
        this.smallPermits = new Semaphore(maxConcurrent);
        this.largePermits = new Semaphore(maxConcurrent);
        // Fair: a batch that has waited is not overtaken by one that just came.
        this.largeTurns = new Semaphore(turns, true);
        this.longestTurnWait = longestTurnWait;
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected IngestGate() {
        this.smallPermits = null;
        this.largePermits = null;
        this.largeTurns = null;
        this.longestTurnWait = null;
    }

    /**
     * @param declaredBytes the request's {@code Content-Length}, or -1 when not declared (counted as large)
     * @throws ProblemException 503 with Retry-After when every permit of its size is taken
     */
    public Permit enter(long declaredBytes) {
        Semaphore pool = declaredBytes >= 0 && declaredBytes <= LARGE_BODY_BYTES ? smallPermits : largePermits;
        if (!pool.tryAcquire()) {
            throw overloaded();
        }
        return pool::release;
    }

    /**
     * Called holding a permit, once the body is read: a large body waits for its turn on the processors.
     *
     * @throws ProblemException 503 with Retry-After when no turn came within 2 s
     */
    public Permit process(int bodyBytes) {
        if (bodyBytes <= LARGE_BODY_BYTES) {
            return () -> { };
        }
        try {
            if (!largeTurns.tryAcquire(longestTurnWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw overloaded();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw overloaded();
        }
        return largeTurns::release;
    }

    private static ProblemException overloaded() {
        return new ProblemException(ProblemType.OVERLOADED,
                "Too many readings are being written right now; nothing was stored, retry shortly.",
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
