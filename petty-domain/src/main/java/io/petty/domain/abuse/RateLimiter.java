package io.petty.domain.abuse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per (endpoint class, principal). Memory stays bounded: when the map grows past
 * {@code maxBuckets}, buckets that have refilled to full (they carry no information) are dropped, and if that
 * is not enough — a flood of new principals — the map starts afresh, which forgives everyone rather than
 * letting memory grow.
 * Buckets are per server instance: N instances allow N times the rate (see the README).
 */
public class RateLimiter {

    /** The limit of one endpoint class. */
    public record Limit(double burst, double perSecond) {
    }

    private final Map<String, Limit> limits;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final int maxBuckets;

    public RateLimiter(Map<String, Limit> limits, LongSupplier nanoTime, int maxBuckets) {
        this.limits = Map.copyOf(limits);
        this.nanoTime = nanoTime;
        this.maxBuckets = maxBuckets;
    }

    /** @throws IllegalArgumentException for an endpoint class without a configured limit */
    public TokenBucket.Decision take(String endpointClass, String principal) {
        Limit limit = limits.get(endpointClass);
        if (limit == null) {
            throw new IllegalArgumentException("no rate limit configured for " + endpointClass);
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() >= maxBuckets) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
            if (buckets.size() >= maxBuckets) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(endpointClass + '\u0000' + principal,
                key -> new TokenBucket(limit.burst(), limit.perSecond(), now)).take(now);
    }
}
