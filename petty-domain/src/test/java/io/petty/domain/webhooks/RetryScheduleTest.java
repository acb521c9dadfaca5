package io.petty.domain.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryScheduleTest {

    private static final Instant CREATED = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void eachFailureWaitsLongerUntilADayHasPassed() {
        Instant now = CREATED;
        Duration[] expected = {Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10)};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            Optional<Instant> next = RetrySchedule.next(CREATED, attempt, now, null);
            assertEquals(Optional.of(now.plus(expected[attempt - 1])), next, "after attempt " + attempt);
            now = next.orElseThrow();
        }

        assertEquals(Optional.empty(), RetrySchedule.next(CREATED, expected.length + 1, now, null));
    }

    @Test
    void aLongerRetryAfterIsHonouredButNotPastTheDay() {
        assertEquals(Optional.of(CREATED.plusSeconds(120)), RetrySchedule.next(CREATED, 1, CREATED,
                Duration.ofSeconds(120)));
        assertEquals(Optional.of(CREATED.plusSeconds(5)), RetrySchedule.next(CREATED, 1, CREATED,
                Duration.ofSeconds(1)));
        assertEquals(Optional.empty(), RetrySchedule.next(CREATED, 1, CREATED, Duration.ofDays(2)));
    }
}
