package io.petty.domain.telemetry;

import java.math.BigDecimal;
import java.util.List;

/**
 * A reading as a collar sent it, before any rule is applied: every field may be missing (null) or
 * out of range. {@link ReadingRules} turns it into a {@link Reading} or says what is wrong.
 */
public record ReadingInput(String collarId, String timestamp, BigDecimal heartRate, BigDecimal activityLevel,
                           LocationInput location, BigDecimal batteryPct, BigDecimal temperatureC,
                           MotionInput motion) {

    /** A GeoJSON geometry as sent: {@code coordinates} is {@code [lon, lat]} for a Point. */
    public record LocationInput(String type, List<BigDecimal> coordinates) {
    }

    /** An IMU window as sent: {@code accel} and {@code gyro} are lists of {@code [x, y, z]} samples. */
    public record MotionInput(BigDecimal hz, List<List<BigDecimal>> accel, List<List<BigDecimal>> gyro) {
    }
}
