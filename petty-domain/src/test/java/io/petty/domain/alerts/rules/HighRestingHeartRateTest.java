package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertReadings;
import io.petty.domain.telemetry.Reading;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.petty.domain.alerts.AlertReadings.resting;
import static io.petty.domain.alerts.AlertReadings.walking;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HighRestingHeartRateTest {

    /** The day before T0 at rest, at 60 bpm: a baseline of 60, above 90 bpm at rest counts. */
    private static final List<Reading> CALM_DAY_BEFORE = restingDayBefore(HighRestingHeartRate.KNOWN_AFTER, 60);

    @Test
    void opensOnThreeRestingReadingsInARowAboveOneAndAHalfTimesTheBaselineOverTwoMinutes() {
        assertEquals(List.of("OPENED 300"), changes(afterACalmDay(List.of(resting(0, 95),
                resting(60, 96), resting(120, 90), resting(180, 95), resting(240, 95), resting(300, 97),
                resting(360, 99)))));
    }

    @Test
    void aCollarThatReadsOftenNeedsTheTwoMinutesToo() {
        List<Reading> everyTenSeconds = new ArrayList<>();
        for (int at = 0; at <= 200; at += 10) {
            everyTenSeconds.add(resting(at, 95));
        }

        assertEquals(List.of("OPENED 120"), changes(afterACalmDay(everyTenSeconds)));
    }

    @Test
    void oneExcitedReadingOrARunBrokenByActivityOpensNothing() {
        assertEquals(List.of(), changes(afterACalmDay(List.of(resting(0, 70), resting(60, 140),
                resting(120, 70), resting(180, 95), resting(240, 95), walking(300), resting(360, 95),
                resting(420, 70)))));
    }

    @Test
    void resolvesOnThreeRestingReadingsInARowAtOrBelowTheThresholdOverTwoMinutes() {
        assertEquals(List.of("OPENED 120", "RESOLVED 480"), changes(afterACalmDay(List.of(resting(0, 95),
                resting(60, 95), resting(120, 95), resting(180, 80), resting(240, 80),
                        resting(300, 95), resting(360, 90), resting(420, 85), resting(480, 80)))));
    }

    @Test
    void withoutABaselineItNeverOpens() {
        List<Reading> tooFewTheDayBefore = new ArrayList<>(restingDayBefore(HighRestingHeartRate.KNOWN_AFTER - 1, 60));
        tooFewTheDayBefore.addAll(List.of(resting(0, 200), resting(60, 200), resting(120, 200), resting(180, 200)));

        assertEquals(List.of(), AlertReadings.changes(new HighRestingHeartRate(), tooFewTheDayBefore));
    }

    @Test
    void todaysOwnReadingsDoNotCountTowardsTodaysBaseline() {
        List<Reading> today = new ArrayList<>();
        for (int at = 0; at < 60 * 60; at += 60) {
            today.add(resting(at, 60));
        }
        today.addAll(List.of(resting(3_600, 120), resting(3_660, 120), resting(3_720, 120)));

        assertEquals(List.of(), AlertReadings.changes(new HighRestingHeartRate(), today));
    }

    @Test
    void theBaselineIsTheLastWeeksNotOlder() {
        List<Reading> readings = new ArrayList<>(restingDayBefore(HighRestingHeartRate.KNOWN_AFTER, 60));
        // Eight days later the calm day is out of the week before: no baseline, nothing opens.
        long eightDays = 8 * 86_400;
        readings.addAll(List.of(resting(eightDays, 120), resting(eightDays + 60, 120), resting(eightDays + 120, 120)));

        assertEquals(List.of(), AlertReadings.changes(new HighRestingHeartRate(), readings));
        assertEquals(List.of("OPENED 120"), changes(afterACalmDay(List.of(resting(0, 120), resting(60, 120),
                resting(120, 120)))));
    }

    @Test
    void readingsWhileAnEpisodeIsOpenAreLeftOutOfTheBaseline() {
        List<Reading> readings = new ArrayList<>(CALM_DAY_BEFORE);
        // Open today, then stay high all day: tomorrow's baseline is still the calm day's, so it opens again.
        for (int at = 0; at < 86_400 - 7 * 3_600; at += 60) {
            readings.add(resting(at, 120));
        }
        readings.addAll(List.of(resting(86_400, 80), resting(86_460, 80), resting(86_520, 80), resting(86_580, 120),
                resting(86_640, 120), resting(86_700, 120)));

        assertEquals(List.of("OPENED 120", "RESOLVED 86520", "OPENED 86700"),
                AlertReadings.changes(new HighRestingHeartRate(),
                readings));
    }

    /** The readings after a calm day before them, fed to a new rule. */
    private static List<String> changes(List<Reading> readings) {
        return AlertReadings.changes(new HighRestingHeartRate(), readings);
    }

    private static List<Reading> afterACalmDay(List<Reading> readings) {
        List<Reading> all = new ArrayList<>(CALM_DAY_BEFORE);
        all.addAll(readings);
        return all;
    }

    /** This many resting readings a minute apart at this heart rate, the day before T0. */
    static List<Reading> restingDayBefore(int count, int heartRate) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readings.add(resting(-86_400 + 60L * i, heartRate));
        }
        return readings;
    }
}
