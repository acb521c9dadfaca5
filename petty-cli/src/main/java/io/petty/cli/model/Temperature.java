package io.petty.cli.model;

import io.petty.domain.motion.MotionModel;

/**
 * Fits the calibration temperature (Guo et al. 2017, "On calibration of modern neural networks"): the one number
 * that, applied as {@link MotionModel#calibrate}, makes held-out probabilities most likely (least negative log
 * likelihood). One parameter cannot overfit a few hundred windows, and it keeps the ranking of the classes.
 */
final class Temperature {

    private static final double LOWEST = Math.log(0.05);
    private static final double HIGHEST = Math.log(20);

    private Temperature() {
    }

    /** Golden-section search over the logarithm of the temperature. */
    static double fit(double[][] probabilities, int[] truth) {
        double a = LOWEST;
        double b = HIGHEST;
        double ratio = (Math.sqrt(5) - 1) / 2;
        double c = b - ratio * (b - a);
        double d = a + ratio * (b - a);
        for (int i = 0; i < 60; i++) {
            if (loss(probabilities, truth, Math.exp(c)) < loss(probabilities, truth, Math.exp(d))) {
                b = d;
            } else {
                a = c;
            }
            c = b - ratio * (b - a);
            d = a + ratio * (b - a);
        }
        return Math.exp((a + b) / 2);
    }

    static double loss(double[][] probabilities, int[] truth, double temperature) {
        double loss = 0;
        for (int i = 0; i < truth.length; i++) {
            loss -= Math.log(MotionModel.calibrate(probabilities[i], temperature)[truth[i]]);
        }
        return loss;
    }
}
