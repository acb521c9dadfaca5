package io.petty.domain.plan;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A pet's daily energy requirement. Resting energy RER = 70 · kg^0.75 kcal; maintenance energy MER = RER × the factor
 * of its activity class. The class comes from the profile first — a body condition of 7 or more on the 9-point
 * scale means the plan is weight loss — and otherwise from the active minutes it really had a day.
 *
 * @param basis why this class, in words for the owner
 */
public record EnergyRequirement(double restingKcal, double maintenanceKcal, ActivityClass activityClass, String basis) {

    /** Body condition from which a pet is overweight (9-point scale). */
    static final int OVERWEIGHT_SCORE = 7;
    /** Active minutes a day below which a pet is inactive, and from which it is active, or working. */
    static final double INACTIVE_BELOW = 30;
    static final double ACTIVE_FROM = 120;
    static final double WORKING_FROM = 240;

    public EnergyRequirement {
        Objects.requireNonNull(activityClass, "activityClass is required.");
        Objects.requireNonNull(basis, "basis is required.");
    }

    /**
     * @param weightKg            the pet's weight
     * @param bodyConditionScore  1–9, or null when not given
     * @param activeMinutesPerDay the mean of the days measured, or empty without any
     */
    public static EnergyRequirement of(BigDecimal weightKg, Integer bodyConditionScore, OptionalDouble activeMinutesPerDay) {
        double resting = 70 * Math.pow(weightKg.doubleValue(), 0.75);
        ActivityClass activity;
        String basis;
        if (bodyConditionScore != null && bodyConditionScore >= OVERWEIGHT_SCORE) {
            activity = ActivityClass.WEIGHT_LOSS;
            basis = "body condition " + bodyConditionScore + " of 9: a weight-loss plan";
        } else if (activeMinutesPerDay.isEmpty()) {
            activity = ActivityClass.TYPICAL;
            basis = "no activity measured in the last 7 days: a typical adult's needs";
        } else {
            double minutes = activeMinutesPerDay.getAsDouble();
            activity = minutes < INACTIVE_BELOW ? ActivityClass.INACTIVE
                    : minutes < ACTIVE_FROM ? ActivityClass.TYPICAL
                    : minutes < WORKING_FROM ? ActivityClass.ACTIVE : ActivityClass.WORKING;
            basis = Math.round(minutes) + " active minutes a day measured over the last 7 days";
        }
        return new EnergyRequirement(resting, resting * activity.factor(), activity, basis);
    }
}
