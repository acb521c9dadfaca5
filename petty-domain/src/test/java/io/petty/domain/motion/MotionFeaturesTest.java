package io.petty.domain.motion;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MotionFeaturesTest {

    private static final double EPSILON = 1e-6;

    /** Four samples, worked by hand: x = 0, 1, 2, 3; y = 1, 1, 1, 1; z = 1, -1, 1, -1. */
    private static final float[] FOUR = {0, 1, 1, 1, 1, -1, 2, 1, 1, 3, 1, -1};

    private static double[] features(FeatureSet.Group group, float[] samples, int hz) {
        return MotionFeatures.upright(new FeatureSet(EnumSet.of(group), false)).extract(samples, null, 0,
                samples.length / 3, hz);
    }

    @Test
    void axisStatisticsAreMeansPopulationDeviationsAndTheirSum() {
        double[] f = features(FeatureSet.Group.AXIS_STATS, FOUR, 4);
        // means 1.5, 1, 0; deviations sqrt(1.25), 0, 1
        double[] expected = {1.5, 1, 0, Math.sqrt(1.25), 0, 1, Math.sqrt(1.25) + 1};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], f[i], EPSILON, "feature " + i);
        }
    }

    @Test
    void meanCrossingsArePerSecond() {
        // x crosses its mean 1.5 once, y never, z three times; four samples at 4 Hz are one second, at 2 Hz two.
        assertArray(new double[] {1, 0, 3}, features(FeatureSet.Group.CROSSINGS, FOUR, 4));
        assertArray(new double[] {0.5, 0, 1.5}, features(FeatureSet.Group.CROSSINGS, FOUR, 2));
    }

    @Test
    void stillDistanceIsFromTheStandingMean() {
        // means (1.5, 1, 0) against upright (0, 0, 1): sqrt(2.25 + 1 + 1)
        assertArray(new double[] {Math.sqrt(4.25)}, features(FeatureSet.Group.STILL_DISTANCE, FOUR, 4));
        MotionFeatures learnt = new MotionFeatures(new FeatureSet(EnumSet.of(FeatureSet.Group.STILL_DISTANCE), false),
                new double[] {1.5, 1, 0}, new double[3]);
        assertEquals(0, learnt.extract(FOUR, null, 0, 4, 4)[0], EPSILON);
    }

    @Test
    void quantilesInterpolateBetweenRanks() {
        double[] f = features(FeatureSet.Group.QUANTILES, FOUR, 4);
        // x sorted 0,1,2,3: q05 = 0.15, q10 = 0.3, q25 = 0.75, q50 = 1.5, q75 = 2.25, q90 = 2.7, q95 = 2.85
        assertArray(new double[] {0.15, 0.3, 0.75, 1.5, 2.25, 2.7, 2.85}, java.util.Arrays.copyOfRange(f, 0, 7));
        // z sorted -1,-1,1,1: the median halfway
        assertEquals(0, f[14 + 3], EPSILON);
    }

    @Test
    void magnitudeStatistics() {
        double[] f = features(FeatureSet.Group.MAGNITUDE, FOUR, 4);
        double[] magnitudes = {Math.sqrt(2), Math.sqrt(3), Math.sqrt(6), Math.sqrt(11)};
        double mean = (magnitudes[0] + magnitudes[1] + magnitudes[2] + magnitudes[3]) / 4;
        double variance = 0;
        for (double m : magnitudes) {
            variance += (m - mean) * (m - mean) / 4;
        }
        assertArray(new double[] {mean, Math.sqrt(variance), Math.sqrt(2), Math.sqrt(11)}, f);
    }

    @Test
    void theSpectrumFindsAGaitsRhythmAtAnyRate() {
        for (int hz : List.of(10, 50, 64, 200)) {
            int samples = 2 * hz;
            float[] window = new float[samples * 3];
            for (int i = 0; i < samples; i++) {
                // upright, bouncing at 2 Hz: the magnitude follows z
                window[i * 3 + 2] = (float) (1 + 0.5 * Math.sin(2 * Math.PI * 2 * i / hz));
            }
            double[] f = features(FeatureSet.Group.SPECTRUM, window, hz);
            assertEquals(2, f[0], (double) hz / Integer.highestOneBit(samples * 2 - 1), "dominant at " + hz + " Hz");
            assertEquals(1, f[2], 0.25, "most energy in 1.5-3 Hz at " + hz + " Hz");
        }
        double[] still = features(FeatureSet.Group.SPECTRUM, new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}, 4);
        assertArray(new double[6], still);
    }

    @Test
    void theNamesMatchTheValuesAndTheGyroscopeDoublesThem() {
        FeatureSet all = FeatureSet.all(true);
        assertEquals(84, all.size());
        assertEquals(all.size(), all.names().size());
        assertEquals(all.size(), all.names().stream().distinct().count());
        float[] gyro = FOUR.clone();
        double[] f = MotionFeatures.upright(all).extract(FOUR, gyro, 0, 4, 4);
        assertEquals(84, f.length);
        assertEquals(f[0], f[42], EPSILON, "the same samples give the same features on either sensor");
        assertThrows(IllegalArgumentException.class, () -> MotionFeatures.upright(all).extract(FOUR, null, 0, 4, 4));
        assertEquals(all, FeatureSet.parse(all.groupLabels(), true));
        assertThrows(IllegalArgumentException.class, () -> FeatureSet.parse("axis-stats,vibes", false));
    }

    @Test
    void windowsAtOddRatesAndLengths() {
        WindowSpec spec = WindowSpec.DEFAULT;
        assertEquals(26, spec.length(13));
        assertEquals(13, spec.step(13));
        assertEquals(0, spec.count(25, 13));
        assertEquals(1, spec.count(26, 13));
        assertEquals(2, spec.count(39, 13));
        assertEquals(333, new WindowSpec(1.5, 0.25).length(222));
        assertEquals(250, new WindowSpec(1.5, 0.25).step(222));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec(2, 0.95));
    }

    private static void assertArray(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], EPSILON, "value " + i);
        }
    }
}
