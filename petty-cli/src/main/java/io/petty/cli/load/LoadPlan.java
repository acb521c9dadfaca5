package io.petty.cli.load;

import io.petty.domain.telemetry.ReadingRules;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What one run of the simulator does.
 *
 * @param server          the Petty server's base URL: {@code http://host:port} (the generator speaks no https)
 * @param collars         collars sending at once
 * @param batch           readings per request, 1–1,000 (1 sends the single-reading document, as the original
 *                        collars did)
 * @param readingInterval the collar-clock time between a collar's consecutive readings, in whole microseconds
 * @param duration        how long new batches are started; the last ones' retries may take {@code grace} more
 * @param rate            readings per second offered over the whole fleet, or 0 for as fast as the server takes them
 * @param concurrency     requests in flight at most (a collar has at most one)
 * @param motion          whether each reading carries a 2 s IMU window
 * @param readers         owners polling their collars' real-time view while the fleet sends
 * @param readInterval    how often each reader polls each of its collars
 * @param probes          owners timing how soon a new session of their pet shows in its timeline
 * @param fleetFile       where the fleet is kept between runs
 * @param retry           how refused and lost requests are sent again
 * @param grace           how long after {@code duration} a batch is still retried before it is given up
 */
public record LoadPlan(URI server, int collars, int batch, Duration readingInterval, Duration duration, double rate,
                       int concurrency, boolean motion, int readers, Duration readInterval, Probes probes,
                       Path fleetFile, RetryPolicy retry, Duration grace) {

    /** Collars per owner when there are fewer readers than that needs: the api rate limit is per owner. */
    static final int COLLARS_PER_OWNER = 100;

    public LoadPlan {
        Objects.requireNonNull(server, "server is required");
        Objects.requireNonNull(readingInterval, "readingInterval is required");
        Objects.requireNonNull(duration, "duration is required");
        Objects.requireNonNull(readInterval, "readInterval is required");
        Objects.requireNonNull(probes, "probes is required");
        Objects.requireNonNull(fleetFile, "fleetFile is required");
        Objects.requireNonNull(retry, "retry is required");
        Objects.requireNonNull(grace, "grace is required");
        try {
            HttpConnection.requireHttp(server);
        } catch (IllegalArgumentException notHttp) {
            throw new IllegalArgumentException("a load plan needs " + notHttp.getMessage(), notHttp);
        }
        require(collars >= 1, "at least one collar");
        require(batch >= 1 && batch <= ReadingRules.MAX_BATCH,
                "a batch of 1 to " + ReadingRules.MAX_BATCH + " readings");
        // The server keeps microseconds: a finer interval would stamp readings that it stores as others.
        require(readingInterval.toNanos() >= 1000 && readingInterval.toNanos() % 1000 == 0,
                "a reading interval of a whole number of microseconds, at least 1");
        require(!duration.isNegative() && !duration.isZero(), "a positive duration");
        require(rate >= 0, "a rate of 0 (unlimited) or more");
        require(concurrency >= 1, "a concurrency of at least 1");
        require(readers >= 0, "0 or more readers");
        require(!readInterval.isNegative() && !readInterval.isZero(), "a positive read interval");
        require(!grace.isNegative(), "a grace period of 0 or more");
    }

    /** Owners to provision: one per reader, and at least one per {@value #COLLARS_PER_OWNER} collars. */
    public int owners() {
        return Math.max(readers, (collars + COLLARS_PER_OWNER - 1) / COLLARS_PER_OWNER);
    }

    /**
     * Event probes: {@code count} collars of their own, each with an owner of its own, that every {@code interval}
     * post two readings starting a new session, and poll their pet's timeline, {@code poll} apart, until it shows
     * the session or {@code timeout} has passed since the ingest's answer.
     */
    public record Probes(int count, Duration interval, Duration poll, Duration timeout) {

        public static final Probes NONE = new Probes(0, Duration.ofSeconds(1), Duration.ofMillis(10),
                Duration.ofSeconds(10));

        public Probes {
            Objects.requireNonNull(interval, "interval is required");
            Objects.requireNonNull(poll, "poll is required");
            Objects.requireNonNull(timeout, "timeout is required");
            require(count >= 0, "0 or more event probes");
            require(!interval.isNegative() && !interval.isZero(), "a positive probe interval");
            require(!poll.isNegative() && !poll.isZero(), "a positive probe poll");
            require(!timeout.isNegative() && !timeout.isZero(), "a positive probe timeout");
        }
    }

    private static void require(boolean condition, String wanted) {
        if (!condition) {
            throw new IllegalArgumentException("a load plan needs " + wanted);
        }
    }
}
