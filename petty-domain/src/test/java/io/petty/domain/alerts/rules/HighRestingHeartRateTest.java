package io.petty.domain.alerts.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.petty.domain.alerts.AlertReadings.changes;
import static io.petty.domain.alerts.AlertReadings.resting;
import static io.petty.domain.alerts.AlertReadings.walking;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HighRestingHeartRateTest {

    /** A baseline of 60 bpm: above 90 bpm at rest counts. */
    private static final int BASELINE = 60;

    @Test
    void opensOnThreeRestingReadingsInARowAboveOneAndAHalfTimesTheBaseline() {
        assertEquals(List.of("OPENED 50"), changes(new HighRestingHeartRate(BASELINE), List.of(resting(0, 95),
                resting(10, 96), resting(20, 90), resting(30, 95), resting(40, 95), resting(50, 97),
                resting(60, 99))));
    }

    @Test
    void oneExcitedReadingOrARunBrokenByActivityOpensNothing() {
        assertEquals(List.of(), changes(new HighRestingHeartRate(BASELINE), List.of(resting(0, 70), resting(10, 140),
                resting(20, 70), resting(30, 95), resting(40, 95), walking(50), resting(60, 95), resting(70, 70))));
    }

    @Test
    void resolvesOnThreeRestingReadingsInARowAtOrBelowTheThreshold() {
        assertEquals(List.of("OPENED 20", "RESOLVED 80"), changes(new HighRestingHeartRate(BASELINE),
                List.of(resting(0, 95), resting(10, 95), resting(20, 95), resting(30, 80), resting(40, 80),
                        resting(50, 95), resting(60, 90), resting(70, 85), resting(80, 80))));
    }

    @Test
    void withoutABaselineItNeverOpens() {
        assertEquals(List.of(), changes(new HighRestingHeartRate(null), List.of(resting(0, 200), resting(10, 200),
                resting(20, 200), resting(30, 200))));
    }
}
