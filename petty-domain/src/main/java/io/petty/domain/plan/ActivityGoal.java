package io.petty.domain.plan;

import io.petty.domain.behavior.DaySummary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The pet's daily goal of active minutes (walks and play), and the last 7 days against it: 60 minutes for a dog and
 * 30 for a cat, half as much again for one that is overweight.
 *
 * @param days  the 7 whole local days before today, oldest first; a day without readings has no minutes
 * @param today today so far
 */
public record ActivityGoal(int minutesPerDay, List<Day> days, Day today) {

    static final int DAYS = 7;

    /** One day: its active minutes (null without readings), and whether they reached the goal. */
    public record Day(LocalDate date, Double activeMinutes, boolean goalMet) {
    }

    public ActivityGoal {
        days = List.copyOf(days);
    }

    /** @param summaries the pet's day summaries, by local day */
    public static ActivityGoal of(String species, Integer bodyConditionScore, LocalDate today,
                                  Map<LocalDate, DaySummary> summaries) {
        int goal = "cat".equals(species) ? 30 : 60;
        if (bodyConditionScore != null && bodyConditionScore >= EnergyRequirement.OVERWEIGHT_SCORE) {
            goal += goal / 2;
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate date = today.minusDays(DAYS); date.isBefore(today); date = date.plusDays(1)) {
            days.add(day(date, summaries.get(date), goal));
        }
        return new ActivityGoal(goal, days, day(today, summaries.get(today), goal));
    }

    private static Day day(LocalDate date, DaySummary summary, int goal) {
        Double minutes = summary == null || summary.dataPoints() == 0 ? null : summary.activeMillis() / 60_000.0;
        return new Day(date, minutes, minutes != null && minutes >= goal);
    }

    /** The mean active minutes of the whole days with readings; empty when none has any. */
    public OptionalDouble averageMinutes() {
        return days.stream().filter(day -> day.activeMinutes() != null).mapToDouble(Day::activeMinutes).average();
    }

    public long daysMeasured() {
        return days.stream().filter(day -> day.activeMinutes() != null).count();
    }

    public long daysMet() {
        return days.stream().filter(Day::goalMet).count();
    }
}
