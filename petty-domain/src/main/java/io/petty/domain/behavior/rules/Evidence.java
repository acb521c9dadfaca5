package io.petty.domain.behavior.rules;

/**
 * How the rule detectors turn evidence into a confidence: the support of the number of observations, times how far
 * inside its thresholds the finding lies. A finding exactly at its minimum and its thresholds scores about 0.3;
 * one with three times the observations, well inside every threshold, close to 1.
 */
final class Evidence {

    private Evidence() {
    }

    /** {@code 1 - e^(-n/minimum)}: 0.63 at the minimum number of observations, 0.95 at three times it. */
    static double support(int observations, int minimum) {
        return 1 - Math.exp(-(double) observations / minimum);
    }

    /** 1 in the middle of {@code [low, high]}, falling to 0 at either end (and below 0 outside). */
    static double inside(double value, double low, double high) {
        double half = (high - low) / 2;
        return (half - Math.abs(value - (low + half))) / half;
    }

    /** 1 at 0, falling to 0 at the ceiling. */
    static double below(double value, double ceiling) {
        return (ceiling - value) / ceiling;
    }

    /** The support, weighed by the smallest margin: half of it at the edge of a threshold, all of it well inside. */
    static double confidence(double support, double... margins) {
        double margin = 1;
        for (double m : margins) {
            margin = Math.min(margin, m);
        }
        return round(support * (0.5 + 0.5 * Math.max(0, Math.min(1, margin))), 3);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
