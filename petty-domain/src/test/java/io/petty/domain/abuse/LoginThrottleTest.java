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

    private static final int ADDRESS_FAILURES = 30;
    private static final Optional<String> UNKNOWN_DEVICE = Optional.empty();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, ADDRESS_FAILURES);

    @Test
    void attemptsInFlightCountSoParallelGuessesCannotSlipPastTheLimit() {
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            assertTrue(throttle.tryAttempt("email", "address-" + i, UNKNOWN_DEVICE).isEmpty());
        }
        // None of the five has finished yet; the sixth must already wait.
        assertEquals(Optional.of(Duration.ofSeconds(1)),
                throttle.tryAttempt("email", "another-address", UNKNOWN_DEVICE));
    }

    @Test
    void eachFurtherAttemptWaitsTwiceAsLongUpToTheWindow() {
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            throttle.tryAttempt("email", "address", UNKNOWN_DEVICE);
        }
        assertEquals(Duration.ofSeconds(1), throttle.tryAttempt("email", "address", UNKNOWN_DEVICE).orElseThrow());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(throttle.tryAttempt("email", "address", UNKNOWN_DEVICE).isEmpty());
        assertEquals(Duration.ofSeconds(2), throttle.tryAttempt("email", "address", UNKNOWN_DEVICE).orElseThrow());
    }

    @Test
    void successForgetsTheEmailsFailuresAndGivesTheAddressItsAttemptBack() {
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES - 1; i++) {
            throttle.tryAttempt("email", "address", UNKNOWN_DEVICE);
        }
        assertTrue(throttle.tryAttempt("email", "address", UNKNOWN_DEVICE).isEmpty());
        throttle.succeeded("email", "address", UNKNOWN_DEVICE);
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            assertTrue(throttle.tryAttempt("email", "address", UNKNOWN_DEVICE).isEmpty());
        }
    }

    @Test
    void oneAddressMayFailThirtyTimesAcrossEmailsInTheWindow() {
        for (int i = 0; i < ADDRESS_FAILURES; i++) {
            assertTrue(throttle.tryAttempt("email-" + i, "address", UNKNOWN_DEVICE).isEmpty());
        }
        assertEquals(LoginThrottle.WINDOW, throttle.tryAttempt("yet-another", "address", UNKNOWN_DEVICE).orElseThrow());
        clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
        assertTrue(throttle.tryAttempt("yet-another", "address", UNKNOWN_DEVICE).isEmpty());
    }

    @Test
    void aKnownDeviceIsNotHeldUpByFailuresFromElsewhere() {
        for (int i = 0; i < 40; i++) {
            throttle.tryAttempt("victim", "attacker-address", UNKNOWN_DEVICE);
        }
        assertTrue(throttle.tryAttempt("victim", "attacker-address", UNKNOWN_DEVICE).isPresent(), "the guesser waits");
        assertTrue(throttle.tryAttempt("victim", "another-address", UNKNOWN_DEVICE).isPresent(),
                "as does any client the account has not seen");
        assertTrue(throttle.tryAttempt("victim", "attacker-address", Optional.of("phone")).isEmpty(),
                "the owner's phone logs in, even from the guesser's address (a shared NAT)");
    }

    @Test
    void aKnownDeviceGuessesNoFasterThanAnyone() {
        Optional<String> stolen = Optional.of("stolen-cookie-device");
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            assertTrue(throttle.tryAttempt("victim", "address-" + i, stolen).isEmpty());
        }
        assertEquals(Duration.ofSeconds(1), throttle.tryAttempt("victim", "elsewhere", stolen).orElseThrow());
        assertTrue(throttle.tryAttempt("victim", "elsewhere", Optional.of("phone")).isEmpty(), "devices apart");
    }

    @Test
    void aGuesserWhoWaitsEachTimeIsNeverMadeToWaitLongerThanTheCap() {
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 40; i++) {
            Optional<Duration> wait = throttle.tryAttempt("victim", "address-" + i, UNKNOWN_DEVICE);
            if (wait.isPresent()) {
                longest = wait.get().compareTo(longest) > 0 ? wait.get() : longest;
                clock.advance(wait.get());
            }
        }
        assertTrue(longest.compareTo(LoginThrottle.MAX_DELAY) <= 0 && longest.toSeconds() >= 256, longest.toString());
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
