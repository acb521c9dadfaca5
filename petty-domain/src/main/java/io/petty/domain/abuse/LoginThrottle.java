package io.petty.domain.abuse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Slows password guessing without letting anyone who knows an e-mail keep its owner out (designed from Keycloak's
 * brute-force detection and OWASP's device cookies).
 *
 * <p>An attempt from a client that has not logged in to the account before counts against the account's untrusted
 * attempts and against its address: after {@value #FREE_ACCOUNT_FAILURES} failed attempts within 15 minutes, each
 * further one must wait twice as long as the last (1 s, 2 s, 4 s … at most 15 minutes, Keycloak's maximum wait), and
 * one address may fail {@code petty.login.address-failures} times (30) in 15 minutes. An attempt that presents a
 * device cookie of the account (a client that has logged in to it before) counts against that device alone, with the
 * same backoff: failures from elsewhere never hold it up, and a stolen cookie guesses no faster than anyone. Keyed by
 * the (normalised) email whether or not an account has it, so the answers say nothing about which emails exist. An
 * attempt counts as failed from the moment it is let through until it succeeds, so parallel guesses cannot slip past
 * the count. The attempts are kept in the database, so every server throttles as one.
 */
public class LoginThrottle {

    public static final int FREE_ACCOUNT_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** The longest one account's (or device's) attempts are made to wait. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final Clock clock;
    private final int addressFailures;
    private final LoginAttempts attempts;

    public LoginThrottle(Clock clock, int addressFailures, LoginAttempts attempts) {
        this.clock = clock;
        this.addressFailures = addressFailures;
        this.attempts = attempts;
    }

    /**
     * Lets an attempt through and counts it, or says how long to wait.
     *
     * @param accountKey what is being logged in to (a keyed email hash)
     * @param device     the device id of a genuine device cookie of this account, when the client presented one
     * @return empty when the attempt may go ahead (it is now counted as failed until {@link #succeeded})
     */
    public Optional<Duration> tryAttempt(String accountKey, String address, Optional<String> device) {
        Instant now = clock.instant();
        Instant since = now.minus(WINDOW);
        if (device.isPresent()) {
            return attempts.attempt(List.of(deviceKey(accountKey, device.get())), since, now,
                    recent -> backoff(recent.get(0), now));
        }
        // Always the email's lock first, then the address's: no two attempts wait on each other in a cycle.
        return attempts.attempt(List.of(emailKey(accountKey), addressKey(address)), since, now, recent -> {
            Optional<Duration> wait = backoff(recent.get(0), now);
            LoginAttempts.Recent fromAddress = recent.get(1);
            if (wait.isEmpty() && fromAddress.count() >= addressFailures) {
                return Optional.of(Duration.between(now, fromAddress.oldest().plus(WINDOW)));
            }
            return wait;
        });
    }

    /** The attempt was right: its failures are forgotten, and the address's count gives this one back. */
    public void succeeded(String accountKey, String address, Optional<String> device) {
        if (device.isPresent()) {
            attempts.forget(deviceKey(accountKey, device.get()));
            return;
        }
        attempts.forget(emailKey(accountKey));
        attempts.forgetLatest(addressKey(address));
    }

    /** Forgets the attempts that no window covers any more; returns how many. */
    public int forgetExpired() {
        return attempts.forgetBefore(clock.instant().minus(WINDOW));
    }

    /** How long the next attempt must wait after these failures: none for the first few, then doubling. */
    private static Optional<Duration> backoff(LoginAttempts.Recent failures, Instant now) {
        if (failures.count() < FREE_ACCOUNT_FAILURES) {
            return Optional.empty();
        }
        long doublings = Math.min(failures.count() - FREE_ACCOUNT_FAILURES, 20);
        Duration delay = Duration.ofSeconds(1L << doublings);
        Instant allowedAt = failures.latest().plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
        return allowedAt.isAfter(now) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
    }

    private static String emailKey(String accountKey) {
        return "email:" + accountKey;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String deviceKey(String accountKey, String device) {
        return "device:" + accountKey + ":" + device;
    }
}
