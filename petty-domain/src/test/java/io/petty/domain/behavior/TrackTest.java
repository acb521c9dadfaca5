package io.petty.domain.behavior;

import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.Reading;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final Track track = BehaviorEngine.ofRules().newTrack();
    private final Step step = new Step();

    private Step at(int seconds, double lat, double lon) {
        track.advance(new Reading("SN-12345", T0.plusSeconds(seconds), 80, ActivityLevel.WALKING,
                GeoPoint.ofDegrees(lat, lon), null, null, null), step);
        return step;
    }

    @Test
    void distancesAreOnTheSphere() {
        // On a sphere of the mean Earth radius: a degree of latitude, a degree of longitude on the 60th parallel
        // (half as long), and a quarter of a meridian.
        assertEquals(111_195, GeoPoint.metresBetween(60, 25, 61, 25), 1);
        assertEquals(55_597, GeoPoint.metresBetween(60, 25, 60, 26), 10);
        assertEquals(10_007_557, GeoPoint.metresBetween(0, 0, 90, 0), 1);
    }

    @Test
    void aPositionImplyingOverSixtyKilometresAnHourIsAJumpAndIgnored() {
        at(0, 60.0, 25.0);
        assertTrue(at(10, 60.0001, 25.0).located(), "11 m in 10 s");
        Step jump = at(20, 60.01, 25.0);
        assertFalse(jump.located());
        assertEquals(0, jump.metres());
        Step back = at(30, 60.0002, 25.0);
        assertTrue(back.located());
        assertEquals(11.1, back.metres(), 0.1, "from the last good position, as if the jump never was");
    }

    @Test
    void twoPositionsThatAgreeWithEachOtherMoveTheTrackThere() {
        at(0, 60.0, 25.0);
        assertFalse(at(10, 60.1, 25.0).located(), "11 km in 10 s");
        Step agreed = at(20, 60.1001, 25.0);

        assertTrue(agreed.located(), "the pet really is here now (a car ride, a fix after a tunnel)");
        assertEquals(11.1, agreed.metres(), 0.1, "the jump itself is not counted");
        assertEquals(11_130, agreed.y(), 10);
    }

    @Test
    void nothingIsCountedAcrossAGap() {
        at(0, 60.0, 25.0);
        Step afterGap = at(10 * 60, 60.001, 25.0);

        assertTrue(afterGap.afterGap());
        assertTrue(afterGap.located());
        assertEquals(0, afterGap.metres());
        assertEquals(600, afterGap.secondsSincePrevious(), 1e-9);
    }
}
