package io.petty.api.telemetry;

import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.StoredReading;

import java.time.Duration;
import java.time.Instant;

/**
 * A reading in the shape collars post it, plus when the server received it and how many seconds ago that was
 * (how long the collar has been silent).
 */
public record ReadingView(String collarId, Instant timestamp, int heartRate, int activityLevel, Location location,
                          Integer batteryPct, Double temperatureC, Instant receivedAt, long lastSeenAgeS) {

    /** GeoJSON Point, {@code [longitude, latitude]}. */
    public record Location(String type, double[] coordinates) {
    }

    public static ReadingView of(StoredReading stored, Instant now) {
        Reading reading = stored.reading();
        GeoPoint point = reading.location();
        Location location = point == null ? null : new Location("Point", new double[] {point.lon(), point.lat()});
        return new ReadingView(reading.collarId(), reading.timestamp(), reading.heartRate(),
                reading.activityLevel().code(), location, reading.batteryPct(), reading.temperatureC(),
                stored.receivedAt(), Math.max(0, Duration.between(stored.receivedAt(), now).toSeconds()));
    }
}
