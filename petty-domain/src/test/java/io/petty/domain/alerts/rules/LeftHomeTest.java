package io.petty.domain.alerts.rules;

import io.petty.domain.pets.Pet;
import io.petty.domain.telemetry.Reading;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.petty.domain.alerts.AlertReadings.HOME_LAT;
import static io.petty.domain.alerts.AlertReadings.HOME_LON;
import static io.petty.domain.alerts.AlertReadings.changes;
import static io.petty.domain.alerts.AlertReadings.eastOfHome;
import static io.petty.domain.alerts.AlertReadings.walking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeftHomeTest {

    /** A fence of 100 m: opens beyond 110 m, resolves inside 90 m. */
    private static final Pet.Geofence HOME = new Pet.Geofence(HOME_LAT, HOME_LON, 100);

    @Test
    void gpsJitterAtTheFenceOpensNothing() {
        List<Reading> jitter = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            jitter.add(eastOfHome(10L * i, i % 2 == 0 ? 96 : 108));
        }

        assertEquals(List.of(), changes(new LeftHome(HOME), jitter));
    }

    @Test
    void aSingleWildFixOpensNothing() {
        assertEquals(List.of(), changes(new LeftHome(HOME),
                List.of(eastOfHome(0, 50), eastOfHome(10, 900), eastOfHome(80, 50), eastOfHome(200, 60))));
    }

    @Test
    void opensByAtLeastTwoReadingsBeyondMoreThanAMinuteApartAndOnlyOnce() {
        assertEquals(List.of("OPENED 70"), changes(new LeftHome(HOME), List.of(eastOfHome(0, 120),
                eastOfHome(30, 130), eastOfHome(60, 140), eastOfHome(70, 150), eastOfHome(100, 400))));
        assertEquals(List.of("OPENED 140"), changes(new LeftHome(HOME), List.of(eastOfHome(0, 120),
                eastOfHome(50, 105), eastOfHome(70, 130), eastOfHome(100, 130), eastOfHome(140, 130))),
                "back inside 1.1 times the radius starts the count again");
    }

    @Test
    void resolvesOnlyBackInsideNineTenthsOfTheRadius() {
        assertEquals(List.of("OPENED 70", "RESOLVED 130"), changes(new LeftHome(HOME), List.of(eastOfHome(0, 200),
                eastOfHome(70, 200), eastOfHome(90, 95), eastOfHome(100, 105), eastOfHome(110, 91), eastOfHome(130, 89),
                eastOfHome(140, 95))));
    }

    @Test
    void aPetWithoutAFenceOrAReadingWithoutAPositionChangesNothing() {
        LeftHome noFence = new LeftHome(null);
        assertEquals(List.of(), changes(noFence, List.of(eastOfHome(0, 5_000), eastOfHome(100, 5_000))));

        LeftHome rule = new LeftHome(HOME);
        assertEquals(List.of("OPENED 70"), changes(rule, List.of(eastOfHome(0, 200), eastOfHome(70, 200),
                walking(80))));
        assertTrue(rule.open());
    }
}
