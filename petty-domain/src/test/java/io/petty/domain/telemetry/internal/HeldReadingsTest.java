package io.petty.domain.telemetry.internal;

import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.MotionWindow;
import io.petty.domain.telemetry.Reading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeldReadingsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void takesTheReadingsOfSeveralArrivalsInTimestampOrder() {
        HeldReadings held = new HeldReadings(10);
        held.keep(Map.of(1L, List.of(at(5), at(1)), 2L, List.of(at(3))));

        assertEquals(Optional.of(List.of(at(1), at(3), at(5))), held.take(List.of(2L, 1L)));
        assertEquals(Optional.empty(), held.take(List.of(1L)), "taken once");
    }

    @Test
    void beyondItsCapacityTheOldestArrivalsGoFirst() {
        HeldReadings held = new HeldReadings(3);
        held.keep(Map.of(1L, List.of(at(1), at(2))));
        held.keep(Map.of(2L, List.of(at(3))));
        held.keep(Map.of(3L, List.of(at(4))));

        assertEquals(Optional.empty(), held.take(List.of(1L)), "dropped to make room");
        assertEquals(Optional.of(List.of(at(3), at(4))), held.take(List.of(2L, 3L)));
        held.keep(Map.of(4L, List.of(at(5), at(6), at(7))));
        assertEquals(Optional.of(List.of(at(5), at(6), at(7))), held.take(List.of(4L)), "what was taken made room");
    }

    @Test
    void aMotionWindowWeighsAsMuchAsItsSamples() {
        // 2 s at 50 Hz with a gyroscope: 600 floats, 2,400 bytes, twenty readings' worth and the reading itself.
        Reading moving = new Reading("SN-001", T0, 80, ActivityLevel.WALKING, null, null, null,
                new MotionWindow(50, 100, new float[300], new float[300]));
        assertEquals(21, HeldReadings.weight(List.of(moving)));
        HeldReadings held = new HeldReadings(30);
        held.keep(Map.of(1L, List.of(moving)));
        held.keep(Map.of(2L, List.of(new Reading("SN-001", T0.plusSeconds(1), 80, ActivityLevel.WALKING, null, null,
                null, moving.motion()))));
        assertEquals(Optional.empty(), held.take(List.of(1L)), "two of them are more than 30 readings' worth");
    }

    @Test
    void isAllOrNothingAndLetsGoOfSettledArrivals() {
        HeldReadings held = new HeldReadings(10);
        held.keep(Map.of(1L, List.of(at(1)), 2L, List.of(at(2)), 3L, List.of(at(3))));
        held.forget(List.of(2L));

        assertEquals(Optional.empty(), held.take(List.of(1L, 2L)), "one of them is no longer held");
        assertEquals(Optional.empty(), held.take(List.of(1L)), "the others were let go too");
        assertEquals(Optional.of(List.of(at(3))), held.take(List.of(3L)));
    }

    @Test
    void whatIsLetGoMakesRoomAndAnArrivalLargerThanTheWholeIsNotHeld() {
        HeldReadings held = new HeldReadings(2);
        held.keep(Map.of(1L, List.of(at(1), at(2))));
        held.forget(List.of(1L));
        held.keep(Map.of(2L, List.of(at(3), at(4))));

        assertEquals(Optional.of(List.of(at(3), at(4))), held.take(List.of(2L)), "forgetting 1 made room for 2");
        held.keep(Map.of(3L, List.of(at(5), at(6), at(7))));
        assertEquals(Optional.empty(), held.take(List.of(3L)));
    }

    private static Reading at(int second) {
        return new Reading("SN-001", T0.plusSeconds(second), 72, ActivityLevel.RESTING, null, null, null, null);
    }
}
