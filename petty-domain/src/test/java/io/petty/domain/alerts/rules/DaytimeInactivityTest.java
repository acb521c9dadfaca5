package io.petty.domain.alerts.rules;

import io.petty.domain.telemetry.Reading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.petty.domain.alerts.AlertReadings.T0;
import static io.petty.domain.alerts.AlertReadings.changes;
import static io.petty.domain.alerts.AlertReadings.resting;
import static io.petty.domain.alerts.AlertReadings.walking;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** T0 is 07:00 UTC, when the day begins in UTC. */
class DaytimeInactivityTest {

    private static final long HOUR = 3_600;

    @Test
    void opensAfterMoreThanEightHoursOfDaytimeRestAndResolvesOnTheNextActivity() {
        List<Reading> readings = restingEveryTenMinutes(0, 9 * HOUR);
        readings.add(walking(9 * HOUR + 60));

        assertEquals(List.of("OPENED " + (8 * HOUR + 600), "RESOLVED " + (9 * HOUR + 60)),
                changes(new DaytimeInactivity(ZoneOffset.UTC), readings));
    }

    @Test
    void theNightIsNotCounted() {
        // From 18:00 (three hours of day left) through the night to 12:10 the next day: 3 h + 5 h 10 min.
        List<Reading> readings = restingEveryTenMinutes(11 * HOUR, 29 * HOUR + 600);

        assertEquals(List.of("OPENED " + (29 * HOUR + 600)), changes(new DaytimeInactivity(ZoneOffset.UTC), readings));
    }

    @Test
    void theDayIsThePetsOwn() {
        // 07:00 UTC is 16:00 in Tokyo: five hours of day there, the night, then 07:00 to 10:10.
        List<Reading> readings = restingEveryTenMinutes(0, 27 * HOUR);

        assertEquals(List.of("OPENED " + (18 * HOUR + 600)),
                changes(new DaytimeInactivity(ZoneId.of("Asia/Tokyo")), readings));
    }

    @Test
    void aSilenceOfMoreThanHalfAnHourStartsTheCountAgain() {
        List<Reading> readings = restingEveryTenMinutes(0, 5 * HOUR);
        readings.addAll(restingEveryTenMinutes(5 * HOUR + 45 * 60, 13 * HOUR));

        assertEquals(List.of(), changes(new DaytimeInactivity(ZoneOffset.UTC), readings));
    }

    @Test
    void daytimeIsFromSevenInTheMorningToNineAtNight() {
        DaytimeInactivity rule = new DaytimeInactivity(ZoneOffset.UTC);

        assertEquals(Duration.ofHours(14), rule.daytimeBetween(T0, T0.plusSeconds(24 * HOUR)));
        assertEquals(Duration.ofHours(3), rule.daytimeBetween(T0.plusSeconds(11 * HOUR), T0.plusSeconds(17 * HOUR)));
    }

    private static List<Reading> restingEveryTenMinutes(long fromSeconds, long toSeconds) {
        List<Reading> readings = new ArrayList<>();
        for (long at = fromSeconds; at <= toSeconds; at += 600) {
            readings.add(resting(at, 60));
        }
        return readings;
    }
}
