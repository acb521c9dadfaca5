package io.petty.domain.testing;

import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.Reading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Readings written as a dog's day: rest, walk, play, at a cadence, moving by metres on a local plane around a park
 * in Helsinki. What the behavior tests feed the engine and the server.
 */
public final class ReadingScript {

    public static final String COLLAR = "SN-12345";
    private static final double ORIGIN_LAT = 60.1699;
    private static final double ORIGIN_LON = 24.9384;
    private static final double METRES_PER_DEGREE = 111_194.9;

    private final List<Reading> readings = new ArrayList<>();
    private Instant next;
    private Duration cadence = Duration.ofSeconds(10);
    private double x;
    private double y;
    private boolean located = true;

    private ReadingScript(Instant start) {
        this.next = start;
    }

    /** The same readings for another collar. */
    public static List<Reading> forCollar(List<Reading> readings, String collarId) {
        return readings.stream().map(r -> new Reading(collarId, r.timestamp(), r.heartRate(), r.activityLevel(),
                r.location(), r.batteryPct(), r.temperatureC(), r.motion())).toList();
    }

    public static ReadingScript startingAt(String instant) {
        return startingAt(Instant.parse(instant));
    }

    public static ReadingScript startingAt(Instant start) {
        return new ReadingScript(start);
    }

    public ReadingScript every(Duration cadence) {
        this.cadence = cadence;
        return this;
    }

    /** The collar says nothing for this long (on top of the cadence). */
    public ReadingScript silence(Duration silence) {
        next = next.plus(silence);
        return this;
    }

    /** Readings from now on carry no position (false) or do again (true). */
    public ReadingScript located(boolean located) {
        this.located = located;
        return this;
    }

    /** Moves the dog without a reading. */
    public ReadingScript at(double x, double y) {
        this.x = x;
        this.y = y;
        return this;
    }

    /** One resting reading per heart rate, where the dog is. */
    public ReadingScript rest(int... heartRates) {
        for (int rate : heartRates) {
            add(ActivityLevel.RESTING, rate);
        }
        return this;
    }

    public ReadingScript rest(int readings, int heartRate) {
        for (int i = 0; i < readings; i++) {
            add(ActivityLevel.RESTING, heartRate);
        }
        return this;
    }

    /** Walking readings, the dog moving {@code dx, dy} metres before each. */
    public ReadingScript walk(int readings, int heartRate, double dx, double dy) {
        return move(ActivityLevel.WALKING, readings, heartRate, dx, dy);
    }

    /** Playing readings, the dog moving {@code dx, dy} metres before each. */
    public ReadingScript play(int readings, int heartRate, double dx, double dy) {
        return move(ActivityLevel.PLAYING, readings, heartRate, dx, dy);
    }

    /** Walking readings at these positions (metres), one each. */
    public ReadingScript walkThrough(int heartRate, double... xy) {
        for (int i = 0; i + 1 < xy.length; i += 2) {
            at(xy[i], xy[i + 1]);
            add(ActivityLevel.WALKING, heartRate);
        }
        return this;
    }

    private ReadingScript move(ActivityLevel activity, int readings, int heartRate, double dx, double dy) {
        for (int i = 0; i < readings; i++) {
            x += dx;
            y += dy;
            add(activity, heartRate);
        }
        return this;
    }

    public ReadingScript add(ActivityLevel activity, int heartRate) {
        return add(activity, heartRate, x, y);
    }

    /** One reading at a position, leaving the dog where it was (a GPS glitch, say). */
    public ReadingScript add(ActivityLevel activity, int heartRate, double x, double y) {
        GeoPoint point = located ? GeoPoint.ofDegrees(ORIGIN_LAT + y / METRES_PER_DEGREE,
                ORIGIN_LON + x / (METRES_PER_DEGREE * Math.cos(Math.toRadians(ORIGIN_LAT)))) : null;
        readings.add(new Reading(COLLAR, next, heartRate, activity, point, null, null, null));
        next = next.plus(cadence);
        return this;
    }

    /** When the next reading would be taken. */
    public Instant now() {
        return next;
    }

    public List<Reading> readings() {
        return List.copyOf(readings);
    }
}
