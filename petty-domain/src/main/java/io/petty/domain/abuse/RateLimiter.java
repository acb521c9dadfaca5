package io.petty.domain.abuse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per (endpoint class, principal), shared by every server through {@link RateBuckets}, so that N
 * servers allow the configured rate, not N times it.
 *
 * <p>A server takes tokens from the shared bucket a lease at a time (a tenth of the burst) and spends them locally, so
 * most requests never wait for the database; a lease is taken from the bucket before any of it is spent, so the
 * servers together never exceed the rate. What a lease leaves unspent on one server when the principal moves to
 * another is lost, which makes the limit stricter by at most a lease per server, never looser. An empty bucket
 * is remembered locally until its next token is due (only time refills a bucket), so refused requests do not reach
 * the database either. Memory stays bounded: past {@code maxLeases} principals, spent leases are dropped, and if
 * that is not enough every lease is (forfeiting their tokens).
 */
public class RateLimiter {

    /** The limit of one endpoint class. */
    public record Limit(double burst, double perSecond) {
        public Limit {
            if (burst < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("a bucket needs a burst of at least 1 and a positive rate");
            }
        }

        /** How many tokens a server takes from the shared bucket at once. */
        int lease() {
            return Math.max(1, (int) (burst / 10));
        }
    }

    /** The answer to one request, with what the RateLimit headers report. */
    public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds, long resetSeconds) {
    }

    /** This server's part of one shared bucket. */
    private static final class Lease {
        private int tokens;
        private double sharedLeft;
        private Instant emptyUntil = Instant.MIN;
    }

    private final Map<String, Limit> limits;
    private final RateBuckets buckets;
    private final Clock clock;
    private final int maxLeases;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    public RateLimiter(Map<String, Limit> limits, RateBuckets buckets, Clock clock, int maxLeases) {
        this.limits = Map.copyOf(limits);
        this.buckets = buckets;
        this.clock = clock;
        this.maxLeases = maxLeases;
    }

    /** @throws IllegalArgumentException for an endpoint class without a configured limit */
    public Decision take(String endpointClass, String principal) {
        Limit limit = limits.get(endpointClass);
        if (limit == null) {
            throw new IllegalArgumentException("no rate limit configured for " + endpointClass);
        }
        Instant now = clock.instant();
        if (leases.size() >= maxLeases) {
            leases.values().removeIf(lease -> lease.tokens == 0 && !lease.emptyUntil.isAfter(now));
            if (leases.size() >= maxLeases) {
                leases.clear();
            }
        }
        String key = endpointClass + ':' + principal;
        Lease lease = leases.computeIfAbsent(key, k -> new Lease());
        synchronized (lease) {
            if (lease.tokens == 0 && !now.isBefore(lease.emptyUntil)) {
                RateBuckets.Grant grant = buckets.take(key, limit, limit.lease(), now);
                lease.tokens = grant.granted();
                lease.sharedLeft = grant.tokensLeft();
                if (grant.granted() == 0) {
                    lease.emptyUntil = now.plus(seconds((1 - grant.tokensLeft()) / limit.perSecond()));
                }
            }
            boolean allowed = lease.tokens > 0;
            if (allowed) {
                lease.tokens--;
            }
            double left = lease.tokens + lease.sharedLeft;
            long retryAfter = allowed ? 0 : ceilSeconds(Duration.between(now, lease.emptyUntil));
            return new Decision(allowed, (long) limit.burst(), (long) Math.floor(left), retryAfter,
                    (long) Math.ceil((limit.burst() - left) / limit.perSecond()));
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
    }

    private static long ceilSeconds(Duration duration) {
        return duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
    }
}
