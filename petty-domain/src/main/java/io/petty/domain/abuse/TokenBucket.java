package io.petty.domain.abuse;

/**
 * A token bucket: holds up to {@code burst} tokens, refills at {@code perSecond}; a request takes one.
 * Time is passed in (nanoseconds from any fixed origin) so the arithmetic is testable without a clock.
 */
public final class TokenBucket {

    /** The answer to one request, with what the RateLimit headers report. */
    public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds, long resetSeconds) {
    }

    private final double burst;
    private final double perNano;
    private double tokens;
    private long updatedNanos;

    public TokenBucket(double burst, double perSecond, long nowNanos) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("a bucket needs a burst of at least 1 and a positive rate");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
        this.updatedNanos = nowNanos;
    }

    public synchronized Decision take(long nowNanos) {
        refill(nowNanos);
        boolean allowed = tokens >= 1;
        if (allowed) {
            tokens -= 1;
        }
        long retryAfter = allowed ? 0 : ceilSeconds((1 - tokens) / perNano);
        long reset = ceilSeconds((burst - tokens) / perNano);
        return new Decision(allowed, (long) burst, (long) Math.floor(tokens), retryAfter, reset);
    }

    /** Full and untouched: nothing is lost by forgetting it. */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - updatedNanos);
        tokens = Math.min(burst, tokens + elapsed * perNano);
        updatedNanos = nowNanos;
    }

    private static long ceilSeconds(double nanos) {
        return (long) Math.ceil(nanos / 1e9);
    }
}
