package io.petty.domain.telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * One validated sensor reading. {@code timestamp} is the collar's own clock and, with the collar,
 * identifies the reading: a second reading with the same pair is the same reading sent again.
 *
 * @param location     may be null when the collar had no position fix
 * @param batteryPct   may be null
 * @param temperatureC may be null
 * @param motion       may be null; most readings carry no IMU window
 */
public record Reading(String collarId, Instant timestamp, int heartRate, ActivityLevel activityLevel,
                      GeoPoint location, Integer batteryPct, Double temperatureC, MotionWindow motion) {

    public Reading {
        Objects.requireNonNull(collarId, "collarId is required.");
        Objects.requireNonNull(timestamp, "timestamp is required.");
        Objects.requireNonNull(activityLevel, "activityLevel is required.");
    }
}
