package io.petty.cli.model;

import java.util.Objects;

/**
 * One continuous recording of one subject: samples at one rate, each with its label, in recording order.
 *
 * @param source where it was read, for messages ({@code walking.csv:2-33070})
 * @param gyro   null when the data has no gyroscope columns
 */
record Recording(String subject, String source, int hz, float[] accel, float[] gyro, String[] labels) {

    Recording {
        Objects.requireNonNull(subject, "subject is required.");
        if (accel.length != labels.length * 3 || (gyro != null && gyro.length != accel.length)) {
            throw new IllegalArgumentException("every sample has three axes and a label");
        }
    }

    int samples() {
        return labels.length;
    }
}
