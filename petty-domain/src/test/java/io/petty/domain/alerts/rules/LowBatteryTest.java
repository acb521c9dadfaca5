package io.petty.domain.alerts.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.petty.domain.alerts.AlertReadings.battery;
import static io.petty.domain.alerts.AlertReadings.changes;
import static io.petty.domain.alerts.AlertReadings.resting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LowBatteryTest {

    @Test
    void opensUnderFifteenPercentAndResolvesAtTwentyFiveOrMore() {
        assertEquals(List.of("OPENED 2", "RESOLVED 4"), changes(new LowBattery(),
                List.of(battery(0, 16), battery(1, 15), battery(2, 14), battery(3, 24), battery(4, 25))));
    }

    @Test
    void aLevelHoveringAroundFifteenPercentIsOneEpisode() {
        LowBattery rule = new LowBattery();

        assertEquals(List.of("OPENED 0"), changes(rule, List.of(battery(0, 14), battery(1, 16), battery(2, 13),
                battery(3, 17), battery(4, 14), battery(5, 20))));
    }

    @Test
    void readingsWithoutABatteryLevelChangeNothing() {
        LowBattery rule = new LowBattery();

        assertEquals(List.of(), changes(rule, List.of(resting(0, 70), resting(1, 70))));
        assertFalse(rule.open());
    }
}
