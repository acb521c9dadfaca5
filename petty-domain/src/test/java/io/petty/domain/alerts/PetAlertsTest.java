package io.petty.domain.alerts;

import io.petty.domain.pets.Pet;
import io.petty.domain.telemetry.Reading;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.petty.domain.alerts.AlertReadings.HOME_LAT;
import static io.petty.domain.alerts.AlertReadings.HOME_LON;
import static io.petty.domain.alerts.AlertReadings.battery;
import static io.petty.domain.alerts.AlertReadings.eastOfHome;
import static io.petty.domain.alerts.AlertReadings.resting;
import static io.petty.domain.alerts.AlertReadings.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PetAlertsTest {

    /** Resting readings the day before the afternoon: enough for a baseline. */
    private static final int CALM = 30;
    private static final PetAlerts.Settings REX = new PetAlerts.Settings(new Pet.Geofence(HOME_LAT, HOME_LON, 100),
            ZoneOffset.UTC);

    /**
     * Away from home, a low battery, a high heart rate back home at rest: every rule has something to say. The
     * battery readings are resting ones at 70 bpm, so they count towards the heart rate's resolution too. The day
     * before was calm, at 60 bpm: that is the baseline.
     */
    private static final List<Reading> AFTERNOON = afterACalmDay(eastOfHome(0, 300), eastOfHome(70, 400),
            battery(80, 12),
            resting(90, 95), resting(150, 95), resting(210, 95), eastOfHome(270, 10), battery(280, 30),
            resting(340, 60), resting(400, 60));

    @Test
    void eachRuleReportsItsEpisodes() {
        PetAlerts alerts = PetAlerts.start(REX);

        assertEquals(List.of("LEFT_HOME OPENED 70", "LOW_BATTERY OPENED 80", "HIGH_RESTING_HEART_RATE OPENED 210",
                "LEFT_HOME RESOLVED 270", "LOW_BATTERY RESOLVED 280", "HIGH_RESTING_HEART_RATE RESOLVED 400"),
                fed(alerts, AFTERNOON));
        assertEquals(Set.of(), alerts.open());
    }

    @Test
    void aLateOrReplayedReadingChangesNothing() {
        PetAlerts alerts = PetAlerts.start(REX);
        fed(alerts, AFTERNOON.subList(0, CALM + 3));

        assertEquals(List.of(), fed(alerts, List.of(battery(50, 40), battery(80, 40), eastOfHome(75, 0))));
        assertEquals(EnumSet.of(AlertKind.LEFT_HOME, AlertKind.LOW_BATTERY), alerts.open());
    }

    @Test
    void rulesReadBackFromTheirStateGoOnAsIfNeverStopped() {
        for (int split = 0; split <= AFTERNOON.size(); split++) {
            PetAlerts first = PetAlerts.start(REX);
            List<String> changes = new ArrayList<>(fed(first, AFTERNOON.subList(0, split)));
            PetAlerts resumed = PetAlerts.restore(REX, first.snapshot()).orElseThrow();
            changes.addAll(fed(resumed, AFTERNOON.subList(split, AFTERNOON.size())));

            assertEquals(fed(PetAlerts.start(REX), AFTERNOON), changes, "split at " + split);
        }
    }

    @Test
    void aStateOfAnotherFormatIsNotReadBack() {
        byte[] state = PetAlerts.start(REX).snapshot();
        state[0]++;

        assertTrue(PetAlerts.restore(REX, state).isEmpty());
        assertTrue(PetAlerts.restore(REX, new byte[] {1, 2}).isEmpty());
    }

    @Test
    void aChangeOfSettingsAppliesFromTheNextReading() {
        PetAlerts alerts = PetAlerts.start(REX);
        fed(alerts, List.of(eastOfHome(0, 300)));
        PetAlerts widerFence = alerts.with(new PetAlerts.Settings(new Pet.Geofence(HOME_LAT, HOME_LON, 1_000),
                ZoneOffset.UTC));

        assertSame(alerts, alerts.with(REX));
        assertEquals(List.of(), fed(widerFence, List.of(eastOfHome(70, 400))));
        assertEquals(List.of("LEFT_HOME OPENED 70"), fed(alerts, List.of(eastOfHome(70, 400))));
    }

    @Test
    void releasedByItsCollarEveryOpenEpisodeResolves() {
        PetAlerts alerts = PetAlerts.start(REX);
        fed(alerts, AFTERNOON.subList(0, CALM + 3));
        List<String> released = new ArrayList<>();
        alerts.release(T0.plusSeconds(100), "collar paired with another pet",
                change -> released.add(change.kind() + " " + AlertReadings.shown(change)));

        assertEquals(List.of("LEFT_HOME RESOLVED 100", "LOW_BATTERY RESOLVED 100"), released);
    }

    @Test
    void takesOnlyReadingsLaterThanItsLast() {
        PetAlerts alerts = PetAlerts.start(REX);
        assertTrue(alerts.takes(T0));
        fed(alerts, List.of(battery(10, 50)));

        assertFalse(alerts.takes(T0.plusSeconds(10)));
        assertTrue(alerts.takes(T0.plusSeconds(10).plusNanos(1_000)));
    }

    @Test
    void aSilenceIsCheckedFromTheLastReadingTakenIn() {
        PetAlerts alerts = PetAlerts.start(REX);
        List<String> changes = new ArrayList<>();
        AlertSink shown = change -> changes.add(change.kind() + " " + AlertReadings.shown(change));
        alerts.checkSilence(T0.plusSeconds(86_400), shown);
        fed(alerts, List.of(battery(0, 80)));
        alerts.checkSilence(T0.plusSeconds(3_600), shown);
        changes.addAll(fed(alerts, List.of(battery(4_000, 80))));

        assertEquals(List.of("COLLAR_SILENT OPENED 1800", "COLLAR_SILENT RESOLVED 4000"), changes);
    }

    private static List<Reading> afterACalmDay(Reading... readings) {
        List<Reading> all = new ArrayList<>();
        for (int i = 0; i < CALM; i++) {
            all.add(resting(-86_400 + 60L * i, 60));
        }
        all.addAll(List.of(readings));
        return List.copyOf(all);
    }

    private static List<String> fed(PetAlerts alerts, List<Reading> readings) {
        List<String> changes = new ArrayList<>();
        readings.forEach(reading -> alerts.accept(reading, change -> changes.add(change.kind() + " "
                + AlertReadings.shown(change))));
        return changes;
    }
}
