package io.petty.domain.alerts;

import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Readings for the alert rules' tests, and what the rules made of them. */
public final class AlertReadings {

    public static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");
    /** The centre of the test pets' home fence. */
    public static final double HOME_LAT = 60.0;
    public static final double HOME_LON = 25.0;

    private AlertReadings() {
    }

    public static Reading resting(long seconds, int heartRate) {
        return new Reading("SN-12345", T0.plusSeconds(seconds), heartRate, ActivityLevel.RESTING, null, null, null,
                null);
    }

    public static Reading walking(long seconds) {
        return new Reading("SN-12345", T0.plusSeconds(seconds), 95, ActivityLevel.WALKING, null, null, null, null);
    }

    public static Reading battery(long seconds, int pct) {
        return new Reading("SN-12345", T0.plusSeconds(seconds), 70, ActivityLevel.RESTING, null, pct, null, null);
    }

    /** A walking reading this many metres east of the home fence's centre. */
    public static Reading eastOfHome(long seconds, double metres) {
        double lon = HOME_LON + Math.toDegrees(metres / (GeoPoint.EARTH_RADIUS_M * Math.cos(Math.toRadians(HOME_LAT))));
        return new Reading("SN-12345", T0.plusSeconds(seconds), 95, ActivityLevel.WALKING,
                GeoPoint.ofDegrees(HOME_LAT, lon), null, null, null);
    }

    /** Feeds the readings to the rule; what it reported, as "transition at-seconds". */
    public static List<String> changes(EpisodeRule rule, List<Reading> readings) {
        List<String> changes = new ArrayList<>();
        readings.forEach(reading -> rule.accept(reading, change -> changes.add(shown(change))));
        return changes;
    }

    public static String shown(AlertChange change) {
        return change.transition() + " " + (change.at().getEpochSecond() - T0.getEpochSecond());
    }
}
