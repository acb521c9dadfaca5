package io.petty.domain.abuse;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void attemptsInFlightCountSoParallelGuessesCannotSlipPastTheLimit() {
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            assertTrue(throttle.tryAttempt("email", "address-" + i).isEmpty());
        }
        // None of the five has finished yet; the sixth must already wait.
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.tryAttempt("email", "another-address"));
    }

    @Test
    void eachFurtherAttemptWaitsTwiceAsLongUpToTheWindow() {
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            throttle.tryAttempt("email", "address");
        }
        assertEquals(Duration.ofSeconds(1), throttle.tryAttempt("email", "address").orElseThrow());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(throttle.tryAttempt("email", "address").isEmpty());
        assertEquals(Duration.ofSeconds(2), throttle.tryAttempt("email", "address").orElseThrow());
    }

    @Test
    void successForgetsTheEmailsFailuresAndGivesTheAddressItsAttemptBack() {
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES - 1; i++) {
            throttle.tryAttempt("email", "address");
        }
        assertTrue(throttle.tryAttempt("email", "address").isEmpty());
        throttle.succeeded("email", "address");
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            assertTrue(throttle.tryAttempt("email", "address").isEmpty());
        }
    }

    @Test
    void oneAddressMayFailThirtyTimesAcrossEmailsInTheWindow() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
            assertTrue(throttle.tryAttempt("email-" + i, "address").isEmpty());
        }
        assertEquals(LoginThrottle.WINDOW, throttle.tryAttempt("yet-another", "address").orElseThrow());
        clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
        assertTrue(throttle.tryAttempt("yet-another", "address").isEmpty());
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
