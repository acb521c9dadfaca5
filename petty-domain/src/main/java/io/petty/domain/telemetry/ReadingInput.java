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

    /**
     * An IMU window as sent: {@code accel} and {@code gyro} are lists of samples, each the numbers of one
     * {@code [x, y, z]} as sent (any count; null where one was not all numbers). Doubles, not decimals: a window is
     * hundreds of numbers, and a decimal each was the largest cost of ingest with motion (JFR, docs/benchmarks.md).
     */
    public record MotionInput(BigDecimal hz, List<double[]> accel, List<double[]> gyro) {
    }
}
