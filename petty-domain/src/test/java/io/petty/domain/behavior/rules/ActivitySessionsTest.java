package io.petty.domain.behavior.rules;

import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.EventKind;
import io.petty.domain.testing.ReadingScript;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivitySessionsTest {

    private static final String T0 = "2026-11-25T10:00:00Z";
    private final ActivitySessions detector = new ActivitySessions();

    @Test
    void eachRunOfOneActivityIsASessionWithItsDurationHeartRateAndDistance() {
        ReadingScript day = ReadingScript.startingAt(T0).rest(6, 60).walk(7, 95, 12, 0).play(3, 150, 0, 30).rest(2, 80);

        List<DetectedEvent> sessions = DetectorRun.events(detector, day);

        assertEquals(List.of("Rest", "Walk", "Play", "Rest"), sessions.stream().map(DetectedEvent::behavior).toList());
        DetectedEvent walk = sessions.get(1);
        assertEquals(EventKind.SESSION, walk.kind());
        assertEquals(Instant.parse(T0).plusSeconds(60), walk.start());
        assertEquals(Instant.parse(T0).plusSeconds(120), walk.end());
        assertEquals(7, walk.metadata().get("readings"));
        assertEquals(60.0, walk.metadata().get("duration_s"));
        // Six steps of 12 m inside the walk; the step onto its first reading was taken before it began.
        assertEquals(72.0, walk.distanceM(), 0.5);
        assertEquals(95.0, walk.metadata().get("heart_rate_mean"));
        assertEquals(60.0, sessions.get(2).distanceM(), 0.5);
        assertNull(sessions.get(0).distanceM(), "distance means nothing at rest");
    }

    @Test
    void aSingleReadingHasNoDurationAndIsNoSession() {
        ReadingScript blip = ReadingScript.startingAt(T0).rest(3, 60).walk(1, 90, 5, 0).rest(3, 60);

        assertEquals(List.of("Rest", "Rest"), DetectorRun.events(detector, blip).stream().map(DetectedEvent::behavior).toList());
    }

    @Test
    void aSilenceLongerThanTheGapSplitsASession() {
        ReadingScript split = ReadingScript.startingAt(T0).walk(3, 90, 10, 0).silence(Duration.ofMinutes(5).plusSeconds(1))
                .walk(3, 90, 10, 0);

        List<DetectedEvent> sessions = DetectorRun.events(detector, split);

        assertEquals(2, sessions.size());
        assertEquals(20.0, sessions.get(1).distanceM(), 0.5, "no distance across the silence");
    }

    @Test
    void aGpsJumpAddsNoDistance() {
        ReadingScript jump = ReadingScript.startingAt(T0).walk(3, 90, 10, 0).at(5_000, 0).walk(1, 90, 0, 0)
                .at(30, 0).walk(3, 90, 10, 0);

        // 5 km away 10 s later is 500 m/s: ignored. The walk is 10 → 20 → 30, then 40 → 50 → 60 m.
        assertEquals(50.0, DetectorRun.events(detector, jump).get(0).distanceM(), 0.5);
    }

    @Test
    void confidenceGrowsWithTheReadingsOfTheSession() {
        double two = DetectorRun.events(detector, ReadingScript.startingAt(T0).rest(2, 60)).get(0).confidence();
        double twelve = DetectorRun.events(detector, ReadingScript.startingAt(T0).rest(12, 60)).get(0).confidence();

        assertTrue(two > 0 && two < twelve && twelve < 1, two + " < " + twelve);
    }
}
