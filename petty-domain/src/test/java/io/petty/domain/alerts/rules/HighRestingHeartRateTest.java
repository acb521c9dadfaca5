package io.petty.domain.alerts.rules;

import io.petty.domain.telemetry.Reading;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.petty.domain.alerts.AlertReadings.changes;
import static io.petty.domain.alerts.AlertReadings.resting;
import static io.petty.domain.alerts.AlertReadings.walking;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HighRestingHeartRateTest {

    /** A baseline of 60 bpm: above 90 bpm at rest counts. */
    private static final int BASELINE = 60;

    @Test
    void opensOnThreeRestingReadingsInARowAboveOneAndAHalfTimesTheBaselineOverTwoMinutes() {
        assertEquals(List.of("OPENED 300"), changes(new HighRestingHeartRate(BASELINE), List.of(resting(0, 95),
                resting(60, 96), resting(120, 90), resting(180, 95), resting(240, 95), resting(300, 97),
                resting(360, 99))));
    }

    @Test
    void aCollarThatReadsOftenNeedsTheTwoMinutesToo() {
        List<Reading> everyTenSeconds = new ArrayList<>();
        for (int at = 0; at <= 200; at += 10) {
            everyTenSeconds.add(resting(at, 95));
        }

        assertEquals(List.of("OPENED 120"), changes(new HighRestingHeartRate(BASELINE), everyTenSeconds));
    }

    @Test
    void oneExcitedReadingOrARunBrokenByActivityOpensNothing() {
        assertEquals(List.of(), changes(new HighRestingHeartRate(BASELINE), List.of(resting(0, 70), resting(60, 140),
                resting(120, 70), resting(180, 95), resting(240, 95), walking(300), resting(360, 95),
                resting(420, 70))));
    }

    @Test
    void resolvesOnThreeRestingReadingsInARowAtOrBelowTheThresholdOverTwoMinutes() {
        assertEquals(List.of("OPENED 120", "RESOLVED 480"), changes(new HighRestingHeartRate(BASELINE),
                List.of(resting(0, 95), resting(60, 95), resting(120, 95), resting(180, 80), resting(240, 80),
                        resting(300, 95), resting(360, 90), resting(420, 85), resting(480, 80))));
    }

    @Test
    void withoutABaselineItNeverOpens() {
        assertEquals(List.of(), changes(new HighRestingHeartRate(null), List.of(resting(0, 200), resting(10, 200),
                resting(20, 200), resting(30, 200))));
    }
}
