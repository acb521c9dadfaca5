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
 * Slows password guessing. After {@value #FREE_ACCOUNT_FAILURES} failures for one email within 15 minutes,
 * each further attempt must wait twice as long as the last (1 s, 2 s, 4 s … up to 15 min); one address may
 * fail {@value #ADDRESS_FAILURES} times in 15 minutes. Keyed by the email as typed, whether or not an account
 * has it, so the answers say nothing about which emails exist.
 */
public class LoginThrottle {

    public static final int FREE_ACCOUNT_FAILURES = 5;
    public static final int ADDRESS_FAILURES = 30;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** @return how long the caller must wait before this attempt is even checked; empty when it may go ahead */
    public Optional<Duration> waitBefore(String emailKey, String address) {
        Instant now = clock.instant();
        Deque<Instant> account = recent("email:" + emailKey, now);
        Deque<Instant> fromAddress = recent("address:" + address, now);
        Optional<Duration> accountWait = Optional.empty();
        synchronized (account) {
            if (account.size() >= FREE_ACCOUNT_FAILURES) {
                long doublings = Math.min(account.size() - FREE_ACCOUNT_FAILURES, 20);
                Duration backoff = Duration.ofSeconds(1L << doublings);
                Duration capped = backoff.compareTo(WINDOW) > 0 ? WINDOW : backoff;
                Instant allowedAt = account.peekLast().plus(capped);
                if (allowedAt.isAfter(now)) {
                    accountWait = Optional.of(Duration.between(now, allowedAt));
                }
            }
        }
        if (accountWait.isPresent()) {
            return accountWait;
        }
        synchronized (fromAddress) {
            if (fromAddress.size() >= ADDRESS_FAILURES) {
                return Optional.of(Duration.between(now, fromAddress.peekFirst().plus(WINDOW)));
            }
        }
        return Optional.empty();
    }

    public void failed(String emailKey, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.values().removeIf(times -> {
                synchronized (times) {
                    return times.isEmpty() || times.peekLast().isBefore(now.minus(WINDOW));
                }
            });
        }
        for (String key : new String[] {"email:" + emailKey, "address:" + address}) {
            Deque<Instant> times = recent(key, now);
            synchronized (times) {
                times.addLast(now);
            }
        }
    }

    /** A successful login clears the email's failures, not the address's. */
    public void succeeded(String emailKey) {
        failures.remove("email:" + emailKey);
    }

    private Deque<Instant> recent(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.removeFirst();
            }
        }
        return times;
    }
}
