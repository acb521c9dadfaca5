package io.petty.domain.behavior.rules;

import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.EventKind;
import io.petty.domain.testing.ReadingScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepSleepTest {

    private static final String T0 = "2026-11-25T02:00:00Z";
    private final DeepSleep detector = new DeepSleep();

    private List<DetectedEvent> sleep(int... heartRates) {
        return DetectorRun.events(detector, ReadingScript.startingAt(T0).rest(heartRates));
    }

    @Test
    void fourSteadyLowRestingReadingsAreDeepSleepFromTheFirstToTheLast() {
        List<DetectedEvent> events = sleep(50, 51, 50, 52);

        assertEquals(1, events.size());
        DetectedEvent sleep = events.get(0);
        assertEquals(DeepSleep.DEEP_SLEEP, sleep.behavior());
        assertEquals(EventKind.BEHAVIOR, sleep.kind());
        assertEquals(Instant.parse(T0), sleep.start());
        assertEquals(Instant.parse(T0).plusSeconds(30), sleep.end());
        assertEquals("deep-sleep", sleep.detector());
        assertEquals("1", sleep.detectorVersion());
        assertEquals(4, sleep.metadata().get("readings"));
        assertEquals(50.8, sleep.metadata().get("heart_rate_mean"));
        assertEquals(0.83, sleep.metadata().get("heart_rate_std"));
    }

    @Test
    void threeReadingsAreNotEnough() {
        assertEquals(List.of(), sleep(50, 51, 50));
    }

    @ParameterizedTest(name = "mean {0} bpm: deep sleep {1}")
    @CsvSource({"40, true", "65, true", "39, false", "66, false", "52, true"})
    void theMeanHeartRateMustBeFrom40To65(int heartRate, boolean deepSleep) {
        assertEquals(deepSleep, !sleep(heartRate, heartRate, heartRate, heartRate, heartRate).isEmpty());
    }

    @Test
    void aDeviationOfExactlyThreeIsNotSteadyEnough() {
        // 47 and 53 alternating: the population deviation is exactly 3.
        assertEquals(List.of(), sleep(47, 53, 47, 53));
        assertEquals(1, sleep(47, 53, 48, 52).size(), "deviation 2.55");
    }

    @Test
    void aReadingThatWouldBreakTheThresholdsEndsTheStretchAndMayBeginTheNext() {
        List<DetectedEvent> events = sleep(50, 50, 51, 50, 62, 62, 61, 62, 62);

        assertEquals(2, events.size());
        assertEquals(Instant.parse(T0).plusSeconds(30), events.get(0).end());
        assertEquals(Instant.parse(T0).plusSeconds(40), events.get(1).start());
        assertEquals(5, events.get(1).metadata().get("readings"));
    }

    @Test
    void movingOrASilenceEndsTheStretch() {
        ReadingScript moved = ReadingScript.startingAt(T0).rest(50, 50, 50).walk(1, 60, 1, 0).rest(50, 50, 50);
        assertEquals(List.of(), DetectorRun.events(detector, moved));

        ReadingScript silent = ReadingScript.startingAt(T0).rest(50, 50, 50).silence(Duration.ofMinutes(6)).rest(50, 50, 50);
        assertEquals(List.of(), DetectorRun.events(detector, silent));

        ReadingScript shortPause = ReadingScript.startingAt(T0).rest(50, 50, 50).silence(Duration.ofMinutes(4)).rest(50);
        assertEquals(1, DetectorRun.events(detector, shortPause).size(), "a pause within the gap is no silence");
    }

    @Test
    void confidenceGrowsWithReadingsAndWithTheMarginInsideTheThresholds() {
        double atTheMinimum = sleep(50, 51, 50, 52).get(0).confidence();
        double longer = sleep(50, 51, 50, 52, 51, 50, 51, 50, 52, 51, 50, 51).get(0).confidence();
        double nearTheCeiling = sleep(64, 65, 64, 65).get(0).confidence();
        double unsteady = sleep(48, 53, 48, 52).get(0).confidence();

        assertTrue(longer > atTheMinimum, longer + " > " + atTheMinimum);
        assertTrue(atTheMinimum > nearTheCeiling, atTheMinimum + " > " + nearTheCeiling);
        assertTrue(atTheMinimum > unsteady, atTheMinimum + " > " + unsteady);
        for (double confidence : new double[] {atTheMinimum, longer, nearTheCeiling, unsteady}) {
            assertTrue(confidence > 0 && confidence < 1, "in (0, 1): " + confidence);
        }
    }
}
