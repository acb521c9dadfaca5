package io.petty.api.plan;

import io.petty.domain.plan.ActivityGoal;
import io.petty.domain.plan.EnergyRequirement;
import io.petty.domain.plan.PetPlan;
import jakarta.json.bind.annotation.JsonbProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /v1/pet-plan}'s answer. {@code energy} is absent until the pet's weight is known; {@code health_alerts}
 * is the list of strings the original app reads.
 */
public record PetPlanView(UUID petId, String collarId, String species, BigDecimal weightKg, Integer bodyConditionScore,
                          Energy energy, Activity activity, List<String> healthAlerts) {

    public record Energy(long restingKcalPerDay, long maintenanceKcalPerDay, double factor, String activityClass,
                         String basis) {
    }

    public record Activity(int goalMinutesPerDay, Double averageMinutes, long daysMeasured,
                           long daysGoalMet, Day today, @JsonbProperty("last_7_days") List<Day> last7Days) {
    }

    /** A day's active minutes: absent on a day without readings. */
    public record Day(LocalDate date, Double activeMinutes, boolean goalMet) {
    }

    public static PetPlanView of(PetPlan plan) {
        EnergyRequirement energy = plan.energy();
        ActivityGoal activity = plan.activity();
        return new PetPlanView(plan.pet().id(), plan.collarId(), plan.pet().species(), plan.pet().weightKg(),
                plan.pet().bodyConditionScore(),
                energy == null ? null : new Energy(Math.round(energy.restingKcal()), Math.round(energy.maintenanceKcal()),
                        energy.activityClass().factor(), energy.activityClass().code(), energy.basis()),
                new Activity(activity.minutesPerDay(),
                        activity.averageMinutes().isPresent() ? round(activity.averageMinutes().getAsDouble()) : null,
                        activity.daysMeasured(), activity.daysMet(), day(activity.today()),
                        activity.days().stream().map(PetPlanView::day).toList()),
                plan.healthAlerts());
    }

    private static Day day(ActivityGoal.Day day) {
        return new Day(day.date(), day.activeMinutes() == null ? null : round(day.activeMinutes()), day.goalMet());
    }

    private static double round(double minutes) {
        return BigDecimal.valueOf(minutes).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
