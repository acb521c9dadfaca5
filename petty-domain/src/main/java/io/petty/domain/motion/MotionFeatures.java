package io.petty.domain.motion;

import java.util.Arrays;
import java.util.Objects;

/**
 * Computes a {@link FeatureSet} from one window of samples. Samples are interleaved x, y, z as collars send them
 * ({@link io.petty.domain.telemetry.MotionWindow}); every feature is per second or in hertz where time enters, so
 * that a model trained at one rate reads windows at another.
 *
 * <p>Immutable and thread-safe; the groups and the size are worked out once, since a server extracts some thousands of
 * windows a second (a stream per window was a third of the classifier's time under ingest, by JFR).
 */
public final class MotionFeatures {

    static final double[] QUANTILES = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
    private static final double[][] BANDS = {{0.5, 1.5}, {1.5, 3}, {3, 5}, {5, 8}};
    /** Below this the "dominant frequency" is posture drift, not rhythm. */
    private static final double MIN_RHYTHM_HZ = 0.3;

    private final FeatureSet set;
    private final double[] stillAccel;
    private final double[] stillGyro;
    private final FeatureSet.Group[] groups;
    private final int size;

    /**
     * @param stillAccel the mean accelerometer vector of the pet standing still, in g (learnt from the training data)
     * @param stillGyro  the same for the gyroscope, in degrees per second
     */
    public MotionFeatures(FeatureSet set, double[] stillAccel, double[] stillGyro) {
        this.set = Objects.requireNonNull(set, "set is required.");
        if (stillAccel.length != 3 || stillGyro.length != 3) {
            throw new IllegalArgumentException("a still-standing mean has three axes");
        }
        this.stillAccel = stillAccel.clone();
        this.stillGyro = stillGyro.clone();
        this.groups = set.groups().toArray(FeatureSet.Group[]::new);
        this.size = set.size();
    }

    public FeatureSet set() {
        return set;
    }

    public double[] stillAccel() {
        return stillAccel.clone();
    }

    public double[] stillGyro() {
        return stillGyro.clone();
    }

    /** With the still-standing means of a collar at rest upright: 1 g down its z axis and no rotation. */
    public static MotionFeatures upright(FeatureSet set) {
        return new MotionFeatures(set, new double[] {0, 0, 1}, new double[3]);
    }

    /**
     * The features of the samples {@code [from, from + count)}.
     *
     * @param gyro null when the collar has no gyroscope: then the set must not read it
     */
    public double[] extract(float[] accel, float[] gyro, int from, int count, int hz) {
        if (count < 2) {
            throw new IllegalArgumentException("a window needs at least two samples");
        }
        double[] out = new double[size];
        int at = sensor(accel, from, count, hz, stillAccel, out, 0);
        if (set.gyro()) {
            if (gyro == null) {
                throw new IllegalArgumentException("this feature set reads a gyroscope and the window has none");
            }
            sensor(gyro, from, count, hz, stillGyro, out, at);
        }
        return out;
    }

    private int sensor(float[] samples, int from, int count, int hz, double[] still, double[] out, int at) {
        double seconds = (double) count / hz;
        double[] magnitude = new double[count];
        double[] mean = new double[3];
        double[] squares = new double[3];
        double magnitudeSum = 0;
        double magnitudeSquares = 0;
        double magnitudeMin = Double.POSITIVE_INFINITY;
        double magnitudeMax = Double.NEGATIVE_INFINITY;
        // One pass for every sum: the whole set costs about 10 µs a window (docs/benchmarks.md "Motion classifier").
        for (int i = 0, base = from * 3; i < count; i++, base += 3) {
            double x = samples[base];
            double y = samples[base + 1];
            double z = samples[base + 2];
            mean[0] += x;
            mean[1] += y;
            mean[2] += z;
            squares[0] += x * x;
            squares[1] += y * y;
            squares[2] += z * z;
            double m = Math.sqrt(x * x + y * y + z * z);
            magnitude[i] = m;
            magnitudeSum += m;
            magnitudeSquares += m * m;
            magnitudeMin = Math.min(magnitudeMin, m);
            magnitudeMax = Math.max(magnitudeMax, m);
        }
        double[] std = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            mean[axis] /= count;
            std[axis] = Math.sqrt(Math.max(0, squares[axis] / count - mean[axis] * mean[axis]));
        }
        double magnitudeMean = magnitudeSum / count;
        for (FeatureSet.Group group : groups) {
            switch (group) {
                case AXIS_STATS -> {
                    for (int axis = 0; axis < 3; axis++) {
                        out[at++] = mean[axis];
                    }
                    for (int axis = 0; axis < 3; axis++) {
                        out[at++] = std[axis];
                    }
                    out[at++] = std[0] + std[1] + std[2];
                }
                case CROSSINGS -> {
                    for (int axis = 0; axis < 3; axis++) {
                        out[at++] = crossings(samples, from, count, axis, mean[axis]) / seconds;
                    }
                }
                case STILL_DISTANCE -> out[at++] = Math.sqrt(square(mean[0] - still[0]) + square(mean[1] - still[1])
                        + square(mean[2] - still[2]));
                case QUANTILES -> {
                    double[] sorted = new double[count];
                    for (int axis = 0; axis < 3; axis++) {
                        for (int i = 0; i < count; i++) {
                            sorted[i] = samples[(from + i) * 3 + axis];
                        }
                        Arrays.sort(sorted);
                        for (double q : QUANTILES) {
                            out[at++] = quantile(sorted, q);
                        }
                    }
                }
                case MAGNITUDE -> {
                    out[at++] = magnitudeMean;
                    out[at++] = Math.sqrt(Math.max(0, magnitudeSquares / count - magnitudeMean * magnitudeMean));
                    out[at++] = magnitudeMin;
                    out[at++] = magnitudeMax;
                }
                case SPECTRUM -> at = spectrum(magnitude, magnitudeMean, hz, out, at);
            }
        }
        return at;
    }

    private static int crossings(float[] samples, int from, int count, int axis, double mean) {
        int crossings = 0;
        boolean above = samples[from * 3 + axis] >= mean;
        for (int i = 1, index = (from + 1) * 3 + axis; i < count; i++, index += 3) {
            boolean now = samples[index] >= mean;
            if (now != above) {
                crossings++;
                above = now;
            }
        }
        return crossings;
    }

    /** Linear interpolation between the closest ranks (R's and NumPy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** The magnitude's power spectrum (mean removed, zero-padded to a power of two). */
    private static int spectrum(double[] magnitude, double mean, int hz, double[] out, int at) {
        int n = Integer.highestOneBit(magnitude.length - 1) << 1;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < magnitude.length; i++) {
            re[i] = magnitude[i] - mean;
        }
        Fourier.transform(re, im);
        double[] bandPower = new double[BANDS.length];
        double total = 0;
        double peak = -1;
        double dominant = 0;
        int bins = n / 2;
        double[] power = new double[bins];
        for (int k = 1; k <= bins; k++) {
            double frequency = (double) k * hz / n;
            double p = re[k] * re[k] + im[k] * im[k];
            power[k - 1] = p;
            total += p;
            if (frequency >= MIN_RHYTHM_HZ && p > peak) {
                peak = p;
                dominant = frequency;
            }
            for (int band = 0; band < BANDS.length; band++) {
                if (frequency >= BANDS[band][0] && frequency < BANDS[band][1]) {
                    bandPower[band] += p;
                }
            }
        }
        // A perfectly still window has no spectrum: no rhythm, no shares, no entropy.
        boolean still = total < 1e-12;
        out[at++] = still ? 0 : dominant;
        for (double p : bandPower) {
            out[at++] = still ? 0 : p / total;
        }
        double entropy = 0;
        if (!still) {
            for (double p : power) {
                if (p > 0) {
                    double share = p / total;
                    entropy -= share * Math.log(share);
                }
            }
            entropy /= Math.log(Math.max(bins, 2));
        }
        out[at++] = entropy;
        return at;
    }

    private static double square(double value) {
        return value * value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MotionFeatures that && set.equals(that.set)
                && Arrays.equals(stillAccel, that.stillAccel) && Arrays.equals(stillGyro, that.stillGyro);
    }

    @Override
    public int hashCode() {
        return Objects.hash(set, Arrays.hashCode(stillAccel), Arrays.hashCode(stillGyro));
    }

    @Override
    public String toString() {
        return "MotionFeatures[" + set.groupLabels() + (set.gyro() ? ", gyro" : "") + "]";
    }
}
