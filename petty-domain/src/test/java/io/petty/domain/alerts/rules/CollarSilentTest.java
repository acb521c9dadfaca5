package io.petty.domain.alerts.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.petty.domain.alerts.AlertReadings.T0;
import static io.petty.domain.alerts.AlertReadings.battery;
import static io.petty.domain.alerts.AlertReadings.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CollarSilentTest {

    private final CollarSilent rule = new CollarSilent();
    private final List<String> changes = new ArrayList<>();

    @Test
    void opensOnceWhenThirtyMinutesHavePassedAtTheTimeTheyDidAndResolvesOnTheNextReading() {
        rule.check(T0, T0.plusSeconds(29 * 60 + 59), change -> changes.add(shown(change)));
        rule.check(T0, T0.plusSeconds(45 * 60), change -> changes.add(shown(change)));
        rule.check(T0, T0.plusSeconds(60 * 60), change -> changes.add(shown(change)));
        rule.accept(battery(2 * 3_600, 80), change -> changes.add(shown(change)));
        rule.accept(battery(2 * 3_600 + 10, 80), change -> changes.add(shown(change)));

        assertEquals(List.of("OPENED 1800", "RESOLVED 7200"), changes);
    }

    @Test
    void aReadingTakenDuringTheSilenceAndUploadedLaterResolvesItWhenItOpened() {
        rule.check(T0, T0.plusSeconds(3_600), change -> changes.add(shown(change)));
        rule.accept(battery(600, 80), change -> changes.add(shown(change)));

        assertEquals(List.of("OPENED 1800", "RESOLVED 1800"), changes);
    }

    @Test
    void aCollarDroppingOutForMinutesAtATimeOpensNothing() {
        for (int minute = 0; minute < 600; minute += 20) {
            rule.accept(battery(minute * 60L, 80), change -> changes.add(shown(change)));
            rule.check(T0.plusSeconds(minute * 60L), T0.plusSeconds((minute + 19) * 60L),
                    change -> changes.add(shown(change)));
        }

        assertEquals(List.of(), changes);
    }
}
