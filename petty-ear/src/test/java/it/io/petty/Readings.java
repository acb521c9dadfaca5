package it.io.petty;

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

    public static String batch(List<String> readings) {
        return "{\"readings\": [" + String.join(",", readings) + "]}";
    }

    /** A timestamp safely inside the accepted window, unique enough per call. */
    public static Instant recent() {
        return Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    }
}
