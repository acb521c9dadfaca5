package io.petty.domain.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a delivery that failed is tried again: 5 s, 5 min, 30 min, 2 h, 5 h and 10 h after the attempts before, each
 * give or take a random 20 %, as long as that is within 24 hours of the event; a receiver's {@code Retry-After} is
 * honoured when it asks for longer. The jitter spreads the deliveries that failed together (a receiver's outage)
 * instead of sending them all back at the moment it returns.
 */
public final class RetrySchedule {

    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10));

    private RetrySchedule() {
    }

    /** How far a delay may be drawn from its nominal value, either way. */
    static final double JITTER = 0.2;

    /**
     * @param attempts   how many attempts were made, the failed one included
     * @param retryAfter what the receiver asked for; null when it did not
     * @return empty when it is given up
     */
    public static Optional<Instant> next(Instant created, int attempts, Instant now, Duration retryAfter) {
        return next(created, attempts, now, retryAfter, ThreadLocalRandom.current().nextDouble());
    }

    /** @param draw where in the jitter's range the delay falls, from 0 (shortest) to 1 (longest); 0.5 is nominal */
    static Optional<Instant> next(Instant created, int attempts, Instant now, Duration retryAfter, double draw) {
        if (attempts > DELAYS.size()) {
            return Optional.empty();
        }
        Duration nominal = DELAYS.get(attempts - 1);
        Duration delay = Duration.ofMillis(Math.round(nominal.toMillis() * (1 - JITTER + 2 * JITTER * draw)));
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        Instant next = now.plus(delay);
        return next.isAfter(created.plus(GIVE_UP_AFTER)) ? Optional.empty() : Optional.of(next);
    }
}
