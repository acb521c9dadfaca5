package io.petty.domain.plan;

import io.petty.domain.behavior.DaySummary;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivityGoalTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static DaySummary activeFor(double minutes) {
        return new DaySummary(8_000, 8_000 * 70L, 50, 150, Math.round(minutes * 60_000), 0, 0);
    }

    @Test
    void aDogsGoalIsAnHourACatsHalfAndAnOverweightPetsHalfAsMuchAgain() {
        assertEquals(60, ActivityGoal.of("dog", 5, TODAY, Map.of()).minutesPerDay());
        assertEquals(30, ActivityGoal.of("cat", null, TODAY, Map.of()).minutesPerDay());
        assertEquals(90, ActivityGoal.of("dog", 8, TODAY, Map.of()).minutesPerDay());
    }

    @Test
    void theLastSevenWholeDaysAreMeasuredAgainstTheGoalAndTodaySoFarBesideThem() {
        ActivityGoal goal = ActivityGoal.of("dog", 5, TODAY, Map.of(
                TODAY.minusDays(7), activeFor(90), TODAY.minusDays(3), activeFor(59.9), TODAY.minusDays(1), activeFor(60),
                TODAY, activeFor(15), TODAY.minusDays(8), activeFor(500)));

        assertEquals(7, goal.days().size());
        assertEquals(TODAY.minusDays(7), goal.days().get(0).date());
        assertEquals(TODAY.minusDays(1), goal.days().get(6).date());
        assertTrue(goal.days().get(0).goalMet());
        assertFalse(goal.days().get(4).goalMet(), "59.9 minutes");
        assertNull(goal.days().get(1).activeMinutes(), "no readings that day");
        assertEquals(3, goal.daysMeasured());
        assertEquals(2, goal.daysMet());
        assertEquals((90 + 59.9 + 60) / 3, goal.averageMinutes().orElseThrow(), 1e-9);
        assertEquals(15, goal.today().activeMinutes(), 1e-9);
    }

    @Test
    void withoutReadingsThereIsNoAverage() {
        assertTrue(ActivityGoal.of("dog", 5, TODAY, Map.of()).averageMinutes().isEmpty());
    }
}
