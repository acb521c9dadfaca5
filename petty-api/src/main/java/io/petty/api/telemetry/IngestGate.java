package io.petty.api.telemetry;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many ingest requests are written at once ({@code petty.ingest.max-concurrent} small bodies, and as
 * many large ones: batches never crowd out single readings). The rest are refused at once with 503 and
 * {@code Retry-After} instead of queueing, so memory and latency stay bounded whatever the load; a refused request
 * stored nothing and may simply be sent again.
 *
 * <p>A permit is taken only once the body has been read (under {@link io.petty.api.http.BodyLimit}'s deadline and
 * minimum rate), so a client that trickles its body holds no permit; and one collar has at most
 * {@code petty.ingest.max-per-collar} requests in flight, reading included (more get 429): one misbehaving collar
 * cannot take the permits or the threads every other collar needs.
 *
 * <p>Large bodies (batches) also take turns for the processors ({@code petty.ingest.max-concurrent-large}, default one
 * per processor): parsing and writing hundreds of readings is CPU work for Liberty and PostgreSQL, and a dozen
 * such requests at once only share the cores slower while single readings and real-time reads wait behind
 * them. Measured on 2 cores during full-speed batch ingest: real-time p99 12 ms with 2 turns, 22-27 ms with 4,
 * over 100 ms with 16 (4 turns gave about 10 % more batch throughput than 2).
 *
 * <p>The permits taken are gauges (Prometheus: {@code petty_ingest_permits_in_use{size="small|large"}}, beside
 * {@code petty_ingest_permits_max}); the refusals show as {@code /v1/ingest}'s 503 and 429 responses in Liberty's
 * {@code http_server_request_duration_seconds_count}.
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
    private static final Metadata IN_USE = Metadata.builder().withName("petty.ingest.permits.in.use")
            .withDescription("Ingest permits taken now, by body size (small bodies and batches have their own)").build();
    private static final Metadata MAX = Metadata.builder().withName("petty.ingest.permits.max")
            .withDescription("Ingest permits there are of each body size (petty.ingest.max-concurrent)").build();

    private final Semaphore smallPermits;
    private final Semaphore largePermits;
    private final Semaphore largeTurns;
    private final Duration longestTurnWait;
    private final int perCollar;
    private final ConcurrentMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    @Inject
    public IngestGate(@ConfigProperty(name = "petty.ingest.max-concurrent") int maxConcurrent,
                      @ConfigProperty(name = "petty.ingest.max-concurrent-large")
                      Optional<Integer> maxConcurrentLarge,
                      @ConfigProperty(name = "petty.ingest.max-per-collar") int perCollar,
                      MetricRegistry registry) {
        this(maxConcurrent, maxConcurrentLarge.orElse(Runtime.getRuntime().availableProcessors()), perCollar,
                LONGEST_TURN_WAIT);
        registry.gauge(MAX, () -> maxConcurrent);
        registry.gauge(IN_USE, smallPermits, permits -> maxConcurrent - permits.availablePermits(),
                new Tag("size", "small"));
        registry.gauge(IN_USE, largePermits, permits -> maxConcurrent - permits.availablePermits(),
                new Tag("size", "large"));
    }

    IngestGate(int maxConcurrent, int turns, int perCollar, Duration longestTurnWait) {
        if (maxConcurrent < 1 || turns < 1 || perCollar < 1) {
            throw new IllegalArgumentException("petty.ingest.max-concurrent, petty.ingest.max-concurrent-large and "
                    + "petty.ingest.max-per-collar must be at least 1, not " + maxConcurrent + ", " + turns + " and "
                    + perCollar);
        }
        this.smallPermits = new Semaphore(maxConcurrent);
        this.largePermits = new Semaphore(maxConcurrent);
        // Fair: a batch that has waited is not overtaken by one that just came.
        this.largeTurns = new Semaphore(turns, true);
        this.longestTurnWait = longestTurnWait;
        this.perCollar = perCollar;
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected IngestGate() {
        this.smallPermits = null;
        this.largePermits = null;
        this.largeTurns = null;
        this.longestTurnWait = null;
        this.perCollar = 0;
    }

    /**
     * Counts one more request of the collar in flight, before its body is read.
     *
     * @throws ProblemException 429 with Retry-After when the collar already has its share in flight
     */
    public Permit claim(String collarId) {
        boolean[] admitted = {false};
        inFlight.compute(collarId, (collar, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perCollar) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            throw new ProblemException(ProblemType.RATE_LIMITED, "This collar already has " + perCollar
                    + " requests in flight; wait for their answers.", Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        return () -> inFlight.computeIfPresent(collarId, (collar, count) -> count == 1 ? null : count - 1);
    }

    /**
     * Admits a body that has been read: a small one at once, a large one when it has a permit of its own and its
     * turn on the processors.
     *
     * @throws ProblemException 503 with Retry-After when every permit of its size is taken, or no turn came
     *                          within 2 s
     */
    public Permit enter(int bodyBytes) {
        if (bodyBytes <= LARGE_BODY_BYTES) {
            return take(smallPermits);
        }
        Permit permit = take(largePermits);
        try {
            if (!largeTurns.tryAcquire(longestTurnWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw overloaded();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            permit.close();
            throw overloaded();
        } catch (ProblemException e) {
            permit.close();
            throw e;
        }
        return () -> {
            largeTurns.release();
            permit.close();
        };
    }

    private static Permit take(Semaphore pool) {
        if (!pool.tryAcquire()) {
            throw overloaded();
        }
        return pool::release;
    }

    private static ProblemException overloaded() {
        return new ProblemException(ProblemType.OVERLOADED,
                "Too many readings are being written right now; nothing was stored, retry shortly.",
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
