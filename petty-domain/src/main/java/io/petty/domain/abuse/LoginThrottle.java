package io.petty.domain.abuse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * the count.
 */
public class LoginThrottle {

    public static final int FREE_ACCOUNT_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** The longest one account's (or device's) attempts are made to wait. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final int addressFailures;
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int addressFailures) {
        this.clock = clock;
        this.addressFailures = addressFailures;
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
        forgetIdleKeys(now);
        if (device.isPresent()) {
            Deque<Instant> fromDevice = recent(deviceKey(accountKey, device.get()), now);
            synchronized (fromDevice) {
                return backoff(fromDevice, now).or(() -> {
                    fromDevice.addLast(now);
                    return Optional.empty();
                });
            }
        }
        Deque<Instant> account = recent("email:" + accountKey, now);
        Deque<Instant> fromAddress = recent("address:" + address, now);
        // Always the email's lock first, then the address's: no two attempts wait on each other in a cycle.
        synchronized (account) {
            synchronized (fromAddress) {
                Optional<Duration> wait = backoff(account, now);
                if (wait.isPresent()) {
                    return wait;
                }
                if (fromAddress.size() >= addressFailures) {
                    return Optional.of(Duration.between(now, fromAddress.peekFirst().plus(WINDOW)));
                }
                account.addLast(now);
                fromAddress.addLast(now);
                return Optional.empty();
            }
        }
    }

    /** The attempt was right: its failures are forgotten, and the address's count gives this one back. */
    public void succeeded(String accountKey, String address, Optional<String> device) {
        if (device.isPresent()) {
            attempts.remove(deviceKey(accountKey, device.get()));
            return;
        }
        attempts.remove("email:" + accountKey);
        Deque<Instant> fromAddress = attempts.get("address:" + address);
        if (fromAddress != null) {
            synchronized (fromAddress) {
                fromAddress.pollLast();
            }
        }
    }

    /** How long the next attempt must wait after these failures: none for the first few, then doubling. */
    private static Optional<Duration> backoff(Deque<Instant> failures, Instant now) {
        if (failures.size() < FREE_ACCOUNT_FAILURES) {
            return Optional.empty();
        }
        long doublings = Math.min(failures.size() - FREE_ACCOUNT_FAILURES, 20);
        Duration delay = Duration.ofSeconds(1L << doublings);
        Instant allowedAt = failures.peekLast().plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
        return allowedAt.isAfter(now) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
    }

    private static String deviceKey(String accountKey, String device) {
        return "device:" + accountKey + ":" + device;
    }

    private Deque<Instant> recent(String key, Instant now) {
        Deque<Instant> times = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.removeFirst();
            }
        }
        return times;
    }

    private void forgetIdleKeys(Instant now) {
        if (attempts.size() > MAX_KEYS) {
            attempts.values().removeIf(times -> {
                synchronized (times) {
                    return times.isEmpty() || times.peekLast().isBefore(now.minus(WINDOW));
                }
            });
        }
    }
}
