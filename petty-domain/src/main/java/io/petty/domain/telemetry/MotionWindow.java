package io.petty.domain.telemetry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A window of IMU samples sent with a reading: {@code accel} in g and optional {@code gyro} in degrees per second,
 * each {@code samples × 3} values (x, y, z per sample) at {@code hz}. Kept as float32, the sensors' precision.
 */
public record MotionWindow(int hz, int samples, float[] accel, float[] gyro) {

    public MotionWindow {
        Objects.requireNonNull(accel, "accel is required.");
        if (accel.length != samples * 3 || (gyro != null && gyro.length != samples * 3)) {
            throw new IllegalArgumentException("each axis array holds samples x 3 values");
        }
    }

    /** Little-endian float32, as stored. */
    public static byte[] pack(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    public static float[] unpack(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getFloat();
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MotionWindow that && hz == that.hz && samples == that.samples
                && Arrays.equals(accel, that.accel) && Arrays.equals(gyro, that.gyro);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hz, samples, Arrays.hashCode(accel), Arrays.hashCode(gyro));
    }

    @Override
    public String toString() {
        return "MotionWindow[" + hz + " Hz, " + samples + " samples" + (gyro == null ? "" : ", with gyro") + "]";
    }
}
