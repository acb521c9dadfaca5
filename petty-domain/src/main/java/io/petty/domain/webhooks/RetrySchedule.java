package io.petty.domain.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a delivery that failed is tried again: 5 s, 5 min, 30 min, 2 h, 5 h and 10 h after the attempts before, as
 * long as that is within 24 hours of the event; a receiver's {@code Retry-After} is honoured when it asks for longer.
 */
public final class RetrySchedule {

    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10));

    private RetrySchedule() {
    }

    /**
     * @param attempts   how many attempts were made, the failed one included
     * @param retryAfter what the receiver asked for; null when it did not
     * @return empty when it is given up
     */
    public static Optional<Instant> next(Instant created, int attempts, Instant now, Duration retryAfter) {
        if (attempts > DELAYS.size()) {
            return Optional.empty();
        }
        Duration delay = DELAYS.get(attempts - 1);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        Instant next = now.plus(delay);
        return next.isAfter(created.plus(GIVE_UP_AFTER)) ? Optional.empty() : Optional.of(next);
    }
}
