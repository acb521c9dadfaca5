package io.petty.domain.abuse;

import io.petty.domain.abuse.internal.JdbcRateBuckets;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.MutableClock;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private static final Map<String, RateLimiter.Limit> INGEST = Map.of("ingest", new RateLimiter.Limit(100, 10));

    private static DataSource database;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final CountingBuckets buckets = new CountingBuckets(new JdbcRateBuckets(database));
    private final RateLimiter limiter = new RateLimiter(INGEST, buckets, clock, 1000);

    @BeforeAll
    static void migrate() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
    }

    @BeforeEach
    void noBuckets() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE rate_bucket");
        }
    }

    @Test
    void theBurstIsServedThenTheNextRequestWaitsForOneTokenToRefill() {
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.take("ingest", "SN-1").allowed());
        }
        RateLimiter.Decision refused = limiter.take("ingest", "SN-1");
        assertFalse(refused.allowed());
        assertEquals(100, refused.limit());
        assertEquals(0, refused.remaining());
        assertEquals(1, refused.retryAfterSeconds(), "one token refills in 0.1 s, rounded up");
        assertEquals(10, refused.resetSeconds(), "the whole bucket refills in 10 s");

        clock.advance(Duration.ofMillis(100));
        assertTrue(limiter.take("ingest", "SN-1").allowed());
    }

    @Test
    void serversSharingTheDatabaseAllowTheRateOnceNotOncePerServer() {
        RateLimiter secondServer = new RateLimiter(INGEST, buckets, clock, 1000);
        int allowed = 0;
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 40; i++) {
                allowed += (i % 2 == 0 ? limiter : secondServer).take("ingest", "SN-1").allowed() ? 1 : 0;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        // 100 at once and 10 a second: 190 over these 10 s (one server alone would allow as many; two apart 380).
        // A lease (a tenth of the burst) left unspent on a server when the principal moves is lost: stricter, never
        // looser.
        assertTrue(allowed <= 190 && allowed >= 190 - 10, "allowed " + allowed);
    }

    @Test
    void mostRequestsSpendALeaseWithoutTheDatabaseAndRefusalsWaitForTheNextTokenLocally() {
        for (int i = 0; i < 100; i++) {
            limiter.take("ingest", "SN-1");
        }
        assertEquals(10, buckets.takes.get(), "a lease of 10 tokens per trip");
        for (int i = 0; i < 1000; i++) {
            assertFalse(limiter.take("ingest", "SN-1").allowed());
        }
        assertEquals(11, buckets.takes.get(), "one trip learned the bucket is empty until its next token");
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
    void aFloodOfPrincipalsCannotGrowMemoryWithoutBoundNorForgiveAnyone() {
        RateLimiter small = new RateLimiter(Map.of("ingest", new RateLimiter.Limit(2, 1)), buckets, clock, 10);
        for (int i = 0; i < 100; i++) {
            small.take("ingest", "principal-" + i);
            small.take("ingest", "principal-" + i);
        }
        // The flood dropped this server's leases; the shared buckets still know that principal-0 is spent.
        assertFalse(small.take("ingest", "principal-0").allowed());
    }

    @Test
    void bucketsThatHaveRefilledAreForgotten() {
        limiter.take("ingest", "SN-1");
        assertEquals(0, buckets.forgetFull(clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, buckets.forgetFull(clock.instant()), "10 tokens taken, refilled at 10 a second");
    }

    /** The database's buckets, counting the trips to them. */
    private static final class CountingBuckets implements RateBuckets {
        private final RateBuckets shared;
        private final AtomicInteger takes = new AtomicInteger();

        CountingBuckets(RateBuckets shared) {
            this.shared = shared;
        }

        @Override
        public Grant take(String key, RateLimiter.Limit limit, int wanted, Instant at) {
            takes.incrementAndGet();
            return shared.take(key, limit, wanted, at);
        }

        @Override
        public int forgetFull(Instant now) {
            return shared.forgetFull(now);
        }
    }
}
