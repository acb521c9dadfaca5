package io.petty.cli.load;

import java.time.Instant;

/**
 * One generated reading, in the fixed-point units it is written in (so JSON and COPY render the same values).
 *
 * @param index           the collar's reading number in this run: the timestamp is the collar's start plus this many
 *                        reading intervals
 * @param activityLevel   0 resting, 1 walking, 2 playing
 * @param temperatureDeci body temperature in tenths of a degree Celsius
 * @param motion          the IMU window, or null
 */
public record SimulatedReading(String collarId, long index, Instant timestamp, int heartRate, int activityLevel,
                               int latE6, int lonE6, int batteryPct, int temperatureDeci, Motion motion) {

    /**
     * An IMU window: {@code samples} triples of accelerometer values in thousandths of a g and gyroscope values in
     * thousandths of a degree per second, interleaved x, y, z.
     */
    public record Motion(int hz, int samples, int[] accelMilli, int[] gyroMilli) {
    }
}
