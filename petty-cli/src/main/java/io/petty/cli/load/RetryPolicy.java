package io.petty.cli.load;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to send a refused request again: exponential backoff with full jitter (a random wait between zero and
 * {@code base * 2^(failures-1)}, capped), so that a fleet refused at the same moment does not come back at the
 * same moment; but never sooner than the server's {@code Retry-After}, which knows better than any guess.
 *
 * @param base        the ceiling of the first wait
 * @param cap         the largest ceiling of the exponential part
 * @param maxAttempts attempts in all, the first one included, before a request is given up
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), 10);

    public RetryPolicy {
        Objects.requireNonNull(base, "base is required");
        Objects.requireNonNull(cap, "cap is required");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("need 0 < base <= cap and at least one attempt");
        }
    }

    /** @return whether another attempt is allowed after {@code failures} failed ones */
    public boolean mayRetry(int failures) {
        return failures < maxAttempts;
    }

    /**
     * @param failures   failed attempts so far, at least 1
     * @param retryAfter the server's {@code Retry-After}, or {@link Duration#ZERO} when it sent none
     */
    public Duration delay(int failures, Duration retryAfter, RandomGenerator random) {
        long ceiling = ceilingNanos(failures);
        long jittered = (long) (random.nextDouble() * ceiling);
        return Duration.ofNanos(Math.max(jittered, retryAfter.toNanos()));
    }

    private long ceilingNanos(int failures) {
        long cap = this.cap.toNanos();
        long ceiling = base.toNanos();
        for (int doubled = 1; doubled < failures && ceiling < cap; doubled++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, cap);
    }
}
