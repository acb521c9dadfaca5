package io.petty.cli.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), 10);

    @Test
    void theCeilingDoublesWithEachFailureUntilTheCap() {
        assertEquals(Duration.ofMillis(100), policy.delay(1, Duration.ZERO, highest()));
        assertEquals(Duration.ofMillis(200), policy.delay(2, Duration.ZERO, highest()));
        assertEquals(Duration.ofMillis(400), policy.delay(3, Duration.ZERO, highest()));
        assertEquals(Duration.ofMillis(6400), policy.delay(7, Duration.ZERO, highest()));
        assertEquals(Duration.ofSeconds(10), policy.delay(8, Duration.ZERO, highest()));
        assertEquals(Duration.ofSeconds(10), policy.delay(1000, Duration.ZERO, highest()));
    }

    @Test
    void fullJitterWaitsAnywhereBetweenZeroAndTheCeiling() {
        assertEquals(Duration.ZERO, policy.delay(5, Duration.ZERO, fixed(0)));
        assertEquals(Duration.ofMillis(800), policy.delay(5, Duration.ZERO, fixed(0.5)));
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        for (int failures = 1; failures < 20; failures++) {
            Duration delay = policy.delay(failures, Duration.ZERO, random);
            assertFalse(delay.isNegative(), delay::toString);
            assertTrue(delay.compareTo(Duration.ofSeconds(10)) <= 0, delay::toString);
        }
    }

    @Test
    void neverRetriesSoonerThanRetryAfterEvenAboveTheCap() {
        assertEquals(Duration.ofSeconds(1), policy.delay(1, Duration.ofSeconds(1), highest()));
        assertEquals(Duration.ofSeconds(1), policy.delay(1, Duration.ofSeconds(1), fixed(0)));
        assertEquals(Duration.ofSeconds(30), policy.delay(9, Duration.ofSeconds(30), highest()));
        assertEquals(Duration.ofMillis(6400), policy.delay(7, Duration.ofSeconds(1), highest()), "the backoff is longer");
    }

    @Test
    void retriesUntilTheAttemptsAreSpent() {
        assertTrue(policy.mayRetry(1));
        assertTrue(policy.mayRetry(9));
        assertFalse(policy.mayRetry(10));
        assertFalse(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 1).mayRetry(1));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
    }

    /** The top of the jitter range (a real generator stays just below it), where the wait is the ceiling. */
    private static RandomGenerator highest() {
        return fixed(1.0);
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
