package io.petty.domain.plan;

import java.util.Locale;

/**
 * How a pet lives, for its maintenance energy: the factor its resting energy is multiplied by (the canine factors
 * the original system used; see the README for why cats share them for now).
 */
public enum ActivityClass {
    WEIGHT_LOSS(1.0), INACTIVE(1.2), TYPICAL(1.6), ACTIVE(2.0), WORKING(3.0);

    private final double factor;

    ActivityClass(double factor) {
        this.factor = factor;
    }

    public double factor() {
        return factor;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
