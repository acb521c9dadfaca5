package io.petty.api.telemetry;

import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.StoredReading;

import java.time.Instant;

/** A reading in the shape collars post it, plus when the server received it. */
public record ReadingView(String collarId, Instant timestamp, int heartRate, int activityLevel, Location location,
                          Integer batteryPct, Double temperatureC, Instant receivedAt) {

    /** GeoJSON Point, {@code [longitude, latitude]}. */
    public record Location(String type, double[] coordinates) {
    }

    public static ReadingView of(StoredReading stored) {
        Reading reading = stored.reading();
        GeoPoint point = reading.location();
        Location location = point == null ? null : new Location("Point", new double[] {point.lon(), point.lat()});
        return new ReadingView(reading.collarId(), reading.timestamp(), reading.heartRate(),
                reading.activityLevel().code(), location, reading.batteryPct(), reading.temperatureC(),
                stored.receivedAt());
    }
}
