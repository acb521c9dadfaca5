package it.io.petty;

import io.petty.domain.telemetry.MotionWindow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Reading documents in the collar's format. */
public final class Readings {

    private Readings() {
    }

    public static String reading(String collarId, Instant timestamp) {
        return """
                {"collar_id": "%s", "timestamp": "%s", "heart_rate": 72, "activity_level": 1,
                 "location": {"type": "Point", "coordinates": [24.938412, 60.169856]},
                 "battery_pct": 87, "temperature_c": 38.6, "firmware": "ignored-unknown-field"}
                """.formatted(collarId, timestamp);
    }

    /** A reading with nothing but the required fields and the battery's level. */
    public static String withBattery(String collarId, Instant timestamp, int batteryPct) {
        return """
                {"collar_id": "%s", "timestamp": "%s", "heart_rate": 72, "activity_level": 1, "battery_pct": %d}
                """.formatted(collarId, timestamp, batteryPct);
    }

    /** A reading with a motion window of the collar's inertial sensor, {@code [x, y, z]} per sample. */
    public static String withMotion(String collarId, Instant timestamp, MotionWindow motion) {
        return """
                {"collar_id": "%s", "timestamp": "%s", "heart_rate": 72, "activity_level": 0,
                 "motion": {"hz": %d, "accel": %s, "gyro": %s}}
                """.formatted(collarId, timestamp, motion.hz(), samples(motion.accel()), samples(motion.gyro()));
    }

    private static String samples(float[] values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.length; i += 3) {
            json.append(i == 0 ? "[" : ",[").append(values[i]).append(',').append(values[i + 1]).append(',')
                    .append(values[i + 2]).append(']');
        }
        return json.append(']').toString();
    }

    public static String batch(List<String> readings) {
        return "{\"readings\": [" + String.join(",", readings) + "]}";
    }

    /** A timestamp safely inside the accepted window, unique enough per call. */
    public static Instant recent() {
        return Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    }
}
