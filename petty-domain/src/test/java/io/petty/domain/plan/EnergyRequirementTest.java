package io.petty.domain.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Against values worked out by hand: RER = 70 · kg^0.75, MER = RER × factor. */
class EnergyRequirementTest {

    @ParameterizedTest(name = "{0} kg: RER {1} kcal")
    @CsvSource({"31.5, 930.75", "10, 393.64", "4.2, 205.37"})
    void restingEnergyIsSeventyTimesTheWeightToTheThreeQuarters(String kg, double rer) {
        assertEquals(rer, EnergyRequirement.of(new BigDecimal(kg), 5, OptionalDouble.empty()).restingKcal(), 0.01);
    }

    @ParameterizedTest(name = "{0} active minutes a day: {1}, MER {2} kcal")
    @CsvSource({"0, INACTIVE, 472.37", "29.9, INACTIVE, 472.37", "30, TYPICAL, 629.82", "119, TYPICAL, 629.82",
            "120, ACTIVE, 787.28", "239, ACTIVE, 787.28", "240, WORKING, 1180.92", "400, WORKING, 1180.92"})
    void theFactorFollowsTheMeasuredActivity(double minutes, ActivityClass expected, double mer) {
        EnergyRequirement energy = EnergyRequirement.of(BigDecimal.TEN, 5, OptionalDouble.of(minutes));

        assertEquals(expected, energy.activityClass());
        assertEquals(mer, energy.maintenanceKcal(), 0.01);
    }

    @Test
    void anOverweightPetGetsAWeightLossPlanWhateverItsActivity() {
        EnergyRequirement energy = EnergyRequirement.of(new BigDecimal("31.5"), 7, OptionalDouble.of(300));

        assertEquals(ActivityClass.WEIGHT_LOSS, energy.activityClass());
        assertEquals(930.75, energy.maintenanceKcal(), 0.01, "MER = RER × 1.0");
        assertEquals(ActivityClass.TYPICAL,
                EnergyRequirement.of(new BigDecimal("31.5"), 6, OptionalDouble.of(60)).activityClass());
    }

    @Test
    void withoutMeasuredActivityAPetHasATypicalAdultsNeeds() {
        EnergyRequirement energy = EnergyRequirement.of(new BigDecimal("31.5"), null, OptionalDouble.empty());

        assertEquals(ActivityClass.TYPICAL, energy.activityClass());
        assertEquals(1489.19, energy.maintenanceKcal(), 0.01);
    }
}
