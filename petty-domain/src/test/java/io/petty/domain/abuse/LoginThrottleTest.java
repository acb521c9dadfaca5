package io.petty.domain.abuse;

import io.petty.domain.abuse.internal.JdbcLoginAttempts;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.MutableClock;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private static final int ADDRESS_FAILURES = 30;
    private static final Optional<String> UNKNOWN_DEVICE = Optional.empty();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final DataSource database = migrated();
    private final LoginThrottle throttle = new LoginThrottle(clock, ADDRESS_FAILURES, new JdbcLoginAttempts(database));

    private static DataSource migrated() {
        DataSource database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        return database;
    }

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

    @Test
    void serversOnOneDatabaseThrottleAsOneEvenWhenTheirGuessesRace() throws Exception {
        LoginThrottle secondServer = new LoginThrottle(clock, ADDRESS_FAILURES, new JdbcLoginAttempts(database));
        ExecutorService guessers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Duration>>> guesses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                LoginThrottle server = i % 2 == 0 ? throttle : secondServer;
                String address = "address-" + i;
                guesses.add(guessers.submit(() -> server.tryAttempt("victim", address, UNKNOWN_DEVICE)));
            }
            int letThrough = 0;
            for (Future<Optional<Duration>> guess : guesses) {
                letThrough += guess.get().isEmpty() ? 1 : 0;
            }
            assertEquals(LoginThrottle.FREE_ACCOUNT_FAILURES, letThrough, "two servers, one count");
        } finally {
            guessers.shutdownNow();
        }
        throttle.succeeded("victim", "address-0", UNKNOWN_DEVICE);
        assertTrue(secondServer.tryAttempt("victim", "address-1", UNKNOWN_DEVICE).isEmpty(),
                "a success on one server clears the count on the other");
    }

    @Test
    void attemptsOutsideEveryWindowAreDeleted() {
        throttle.tryAttempt("email", "address", UNKNOWN_DEVICE);
        throttle.tryAttempt("email", "address", Optional.of("phone"));
        assertEquals(0, throttle.forgetExpired(), "still inside the window");
        clock.advance(LoginThrottle.WINDOW);
        assertEquals(3, throttle.forgetExpired(), "the email's, the address's and the device's");
    }
}
