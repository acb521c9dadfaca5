package io.petty.domain.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryScheduleTest {

    private static final double NOMINAL = 0.5;
    private static final Instant CREATED = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void eachFailureWaitsLongerUntilADayHasPassed() {
        Instant now = CREATED;
        Duration[] expected = {Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10)};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            Optional<Instant> next = RetrySchedule.next(CREATED, attempt, now, null, NOMINAL);
            assertEquals(Optional.of(now.plus(expected[attempt - 1])), next, "after attempt " + attempt);
            now = next.orElseThrow();
        }

        assertEquals(Optional.empty(), RetrySchedule.next(CREATED, expected.length + 1, now, null, NOMINAL));
    }

    @Test
    void aLongerRetryAfterIsHonouredButNotPastTheDay() {
        assertEquals(Optional.of(CREATED.plusSeconds(120)), RetrySchedule.next(CREATED, 1, CREATED,
                Duration.ofSeconds(120), NOMINAL));
        assertEquals(Optional.of(CREATED.plusSeconds(5)), RetrySchedule.next(CREATED, 1, CREATED,
                Duration.ofSeconds(1), NOMINAL));
        assertEquals(Optional.empty(), RetrySchedule.next(CREATED, 1, CREATED, Duration.ofDays(2), NOMINAL));
    }

    @Test
    void delaysAreSpreadAFifthEitherWay() {
        assertEquals(Optional.of(CREATED.plusSeconds(4)), RetrySchedule.next(CREATED, 1, CREATED, null, 0));
        assertEquals(Optional.of(CREATED.plusSeconds(6)), RetrySchedule.next(CREATED, 1, CREATED, null, 1));
        assertEquals(Optional.of(CREATED.plus(Duration.ofMinutes(36))),
                RetrySchedule.next(CREATED, 3, CREATED, null, 1));
        // A receiver's Retry-After is a floor the jitter does not go below.
        assertEquals(Optional.of(CREATED.plusSeconds(5)), RetrySchedule.next(CREATED, 1, CREATED,
                Duration.ofSeconds(5), 0));
        Set<Instant> drawn = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Instant next = RetrySchedule.next(CREATED, 2, CREATED, null).orElseThrow();
            assertTrue(!next.isBefore(CREATED.plusSeconds(240)) && !next.isAfter(CREATED.plusSeconds(360)),
                    next.toString());
            drawn.add(next);
        }
        assertTrue(drawn.size() > 1, "every delivery drew the same delay");
    }
}
