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
 * Slows password guessing. After {@value #FREE_ACCOUNT_FAILURES} failed attempts for one email within 15
 * minutes, each further attempt must wait twice as long as the last (1 s, 2 s, 4 s … up to 15 min); one address
 * may fail {@value #ADDRESS_FAILURES} times in 15 minutes. Keyed by the (normalised) email whether or not an
 * account has it, so the answers say nothing about which emails exist. An attempt counts as failed from the
 * moment it is let through until it succeeds, so parallel guesses cannot slip past the count.
 */
public class LoginThrottle {

    public static final int FREE_ACCOUNT_FAILURES = 5;
    public static final int ADDRESS_FAILURES = 30;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Lets an attempt through and counts it, or says how long to wait.
     *
     * @return empty when the attempt may go ahead (it is now counted as failed until {@link #succeeded})
     */
    public Optional<Duration> tryAttempt(String emailKey, String address) {
        Instant now = clock.instant();
        forgetIdleKeys(now);
        Deque<Instant> account = recent("email:" + emailKey, now);
        Deque<Instant> fromAddress = recent("address:" + address, now);
        // Always the email's lock first, then the address's: no two attempts wait on each other in a cycle.
        synchronized (account) {
            synchronized (fromAddress) {
                if (account.size() >= FREE_ACCOUNT_FAILURES) {
                    long doublings = Math.min(account.size() - FREE_ACCOUNT_FAILURES, 20);
                    Duration backoff = Duration.ofSeconds(1L << doublings);
                    Instant allowedAt = account.peekLast().plus(backoff.compareTo(WINDOW) > 0 ? WINDOW : backoff);
                    if (allowedAt.isAfter(now)) {
                        return Optional.of(Duration.between(now, allowedAt));
                    }
                }
                if (fromAddress.size() >= ADDRESS_FAILURES) {
                    return Optional.of(Duration.between(now, fromAddress.peekFirst().plus(WINDOW)));
                }
                account.addLast(now);
                fromAddress.addLast(now);
                return Optional.empty();
            }
        }
    }

    /** The attempt was right: the email's failures are forgotten, and the address's count gives this one back. */
    public void succeeded(String emailKey, String address) {
        attempts.remove("email:" + emailKey);
        Deque<Instant> fromAddress = attempts.get("address:" + address);
        if (fromAddress != null) {
            synchronized (fromAddress) {
                fromAddress.pollLast();
            }
        }
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
