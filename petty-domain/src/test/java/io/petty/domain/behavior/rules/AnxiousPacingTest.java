package io.petty.domain.behavior.rules;

import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.testing.ReadingScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnxiousPacingTest {

    private static final String T0 = "2026-11-25T15:00:00Z";
    private final AnxiousPacing detector = new AnxiousPacing();

    /** Back and forth along a 40 m fence: 0, 40, 0, 40, ... */
    private static ReadingScript pacing(int readings, int heartRate) {
        ReadingScript script = ReadingScript.startingAt(T0);
        for (int i = 0; i < readings; i++) {
            script.walkThrough(heartRate, i % 2 == 0 ? 0 : 40, 0);
        }
        return script;
    }

    @Test
    void walkingBackAndForthInASmallAreaWithARaisedHeartRateIsAnxiousPacing() {
        List<DetectedEvent> events = DetectorRun.events(detector, pacing(8, 90));

        assertEquals(1, events.size());
        DetectedEvent pacing = events.get(0);
        assertEquals(AnxiousPacing.ANXIOUS_PACING, pacing.behavior());
        assertEquals(Instant.parse(T0), pacing.start());
        assertEquals(Instant.parse(T0).plusSeconds(70), pacing.end());
        assertEquals(8, pacing.metadata().get("readings"));
        assertEquals(20.0, (double) pacing.metadata().get("radius_m"), 0.1);
        assertEquals(280.0, (double) pacing.metadata().get("path_m"), 1);
        assertTrue(pacing.confidence() > 0 && pacing.confidence() < 1);
    }

    @Test
    void fiveReadingsAreNotEnough() {
        assertEquals(List.of(), DetectorRun.events(detector, pacing(5, 90)));
        assertEquals(1, DetectorRun.events(detector, pacing(6, 90)).size());
    }

    @ParameterizedTest(name = "mean {0} bpm: pacing {1}")
    @CsvSource({"70, true", "110, true", "69, false", "111, false"})
    void theMeanHeartRateMustBeFrom70To110(int heartRate, boolean pacing) {
        assertEquals(pacing, !DetectorRun.events(detector, pacing(8, heartRate)).isEmpty());
    }

    @Test
    void aWalkThatPassesThroughIsNotPacingEvenInsideTheRadius() {
        // Six readings 10 m apart in a straight line: inside a 25 m radius, but it goes somewhere.
        assertEquals(List.of(), DetectorRun.events(detector, ReadingScript.startingAt(T0).walk(6, 90, 10, 0)));
    }

    @Test
    void leavingTheRadiusEndsTheStretch() {
        // Pacing along 130 m: half the diagonal is 65 m, inside. Along 150 m (75 m), the far end breaks every stretch.
        assertEquals(1, DetectorRun.events(detector, fence(130)).size());
        assertEquals(List.of(), DetectorRun.events(detector, fence(150)));
    }

    private static ReadingScript fence(double length) {
        ReadingScript script = ReadingScript.startingAt(T0);
        for (int i = 0; i < 8; i++) {
            script.walkThrough(90, i % 2 == 0 ? 0 : length, 0);
        }
        return script;
    }

    @Test
    void readingsWithoutAPositionNeitherCountNorBreakTheStretch() {
        ReadingScript script = ReadingScript.startingAt(T0).walkThrough(90, 0, 0, 40, 0, 0, 0)
                .located(false).walk(3, 90, 0, 0).located(true).walkThrough(90, 40, 0, 0, 0);

        List<DetectedEvent> events = DetectorRun.events(detector, script);

        assertEquals(List.of(), events, "five positions are not six");
        script.walkThrough(90, 40, 0);
        assertEquals(6, DetectorRun.events(detector, script).get(0).metadata().get("readings"));
    }

    @Test
    void restingEndsTheStretch() {
        ReadingScript script = ReadingScript.startingAt(T0).walkThrough(90, 0, 0, 40, 0, 0, 0).rest(60)
                .walkThrough(90, 40, 0, 0, 0, 40, 0);

        assertEquals(List.of(), DetectorRun.events(detector, script));
    }
}
