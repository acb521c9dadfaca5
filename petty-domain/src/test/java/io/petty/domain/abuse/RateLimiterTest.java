package io.petty.domain.abuse;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(0);
    private final RateLimiter limiter = new RateLimiter(Map.of("ingest", new RateLimiter.Limit(100, 10)),
            now::get, 1000);

    @Test
    void theBurstIsServedThenTheNextRequestWaitsForOneTokenToRefill() {
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.take("ingest", "SN-1").allowed());
        }
        TokenBucket.Decision refused = limiter.take("ingest", "SN-1");
        assertFalse(refused.allowed());
        assertEquals(100, refused.limit());
        assertEquals(0, refused.remaining());
        assertEquals(1, refused.retryAfterSeconds(), "one token refills in 0.1 s, rounded up");
        assertEquals(10, refused.resetSeconds(), "the whole bucket refills in 10 s");

        now.addAndGet(SECOND / 10);
        assertTrue(limiter.take("ingest", "SN-1").allowed());
    }

    @Test
    void eachPrincipalHasItsOwnBucket() {
        for (int i = 0; i < 100; i++) {
            limiter.take("ingest", "SN-1");
        }
        assertFalse(limiter.take("ingest", "SN-1").allowed());
        assertTrue(limiter.take("ingest", "SN-2").allowed());
    }

    @Test
    void remainingCountsDown() {
        assertEquals(99, limiter.take("ingest", "SN-1").remaining());
        assertEquals(98, limiter.take("ingest", "SN-1").remaining());
    }

    @Test
    void anUnconfiguredEndpointClassIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> limiter.take("timeline", "SN-1"));
    }

    @Test
    void aFloodOfPrincipalsCannotGrowMemoryWithoutBound() {
        RateLimiter small = new RateLimiter(Map.of("ingest", new RateLimiter.Limit(2, 1)), now::get, 10);
        for (int i = 0; i < 1000; i++) {
            small.take("ingest", "principal-" + i);
            small.take("ingest", "principal-" + i);
        }
        // The flood reset the map; a bucket spent before the reset is forgiven, one spent after is not.
        assertTrue(small.take("ingest", "principal-0").allowed());
        small.take("ingest", "principal-0");
        assertFalse(small.take("ingest", "principal-0").allowed());
    }
}
