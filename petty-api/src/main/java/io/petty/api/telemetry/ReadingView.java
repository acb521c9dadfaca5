package io.petty.api.telemetry;

import io.petty.api.alerts.AlertView;
import io.petty.domain.alerts.Alert;
import io.petty.domain.behavior.CurrentBehavior;
import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.StoredReading;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reading in the shape collars post it, plus when the server received it and how many seconds ago that was
 * (how long the collar has been silent), what the pet is doing now (absent when the engine cannot tell), and the
 * pet's alert episodes not resolved yet, newest first.
 */
public record ReadingView(String collarId, Instant timestamp, int heartRate, int activityLevel, Location location,
                          Integer batteryPct, Double temperatureC, Instant receivedAt, long lastSeenAgeS,
                          Behavior currentBehavior, List<AlertView> openAlerts) {

    /** GeoJSON Point, {@code [longitude, latitude]}. */
    public record Location(String type, double[] coordinates) {
    }

    /** The event the pet is in now, since its first reading. */
    public record Behavior(String behavior, Instant since, double confidence, UUID eventId) {
    }

    public static ReadingView of(StoredReading stored, CurrentBehavior current, List<Alert> open, Instant now) {
        Reading reading = stored.reading();
        GeoPoint point = reading.location();
        Location location = point == null ? null : new Location("Point", new double[] {point.lon(), point.lat()});
        return new ReadingView(reading.collarId(), reading.timestamp(), reading.heartRate(),
                reading.activityLevel().code(), location, reading.batteryPct(), reading.temperatureC(),
                stored.receivedAt(), Math.max(0, Duration.between(stored.receivedAt(), now).toSeconds()),
                current == null ? null : new Behavior(current.behavior(), current.since(),
                        Math.round(current.confidence() * 1000) / 1000.0, current.eventId()),
                open.stream().map(AlertView::of).toList());
    }
}
