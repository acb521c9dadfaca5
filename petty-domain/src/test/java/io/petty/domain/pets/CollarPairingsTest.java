package io.petty.domain.pets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CollarPairingsTest {

    private static final Instant PAIRED = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant REPAIRED = PAIRED.plusSeconds(60);

    /** The database: what it says, and how often it was asked. */
    private final Map<String, Instant> rows = new HashMap<>();
    private int lookups;
    private Runnable duringLookup = () -> { };
    private CollarPairings pairings;

    @BeforeEach
    void trustedPairings() {
        pairings = new CollarPairings(collarId -> {
            lookups++;
            Optional<Instant> answer = Optional.ofNullable(rows.get(collarId));
            duringLookup.run();
            return answer;
        });
        pairings.trust();
    }

    @Test
    void aPairingIsAskedForOnceThenRemembered() {
        rows.put("SN-001", PAIRED);

        assertEquals(Optional.of(PAIRED), pairings.pairedAt("SN-001"));
        assertEquals(Optional.of(PAIRED), pairings.pairedAt("SN-001"));
        assertEquals(1, lookups);
    }

    @Test
    void notPairedIsNeverRememberedSoANewPairingCountsAtOnce() {
        assertEquals(Optional.empty(), pairings.pairedAt("SN-001"));
        rows.put("SN-001", PAIRED);

        assertEquals(Optional.of(PAIRED), pairings.pairedAt("SN-001"));
    }

    @Test
    void aChangedCollarIsAskedForAgain() {
        rows.put("SN-001", PAIRED);
        pairings.pairedAt("SN-001");
        rows.put("SN-001", REPAIRED);

        pairings.changed("SN-001");

        assertEquals(Optional.of(REPAIRED), pairings.pairedAt("SN-001"));
        rows.remove("SN-001");
        pairings.changedAll();
        assertEquals(Optional.empty(), pairings.pairedAt("SN-001"));
    }

    @Test
    void anAnswerOvertakenByAChangeWhileItWasAskedIsNotRemembered() {
        rows.put("SN-001", PAIRED);
        duringLookup = () -> {
            rows.remove("SN-001");
            pairings.changed("SN-001");
        };

        assertEquals(Optional.of(PAIRED), pairings.pairedAt("SN-001"), "the answer of its moment");
        duringLookup = () -> { };
        assertEquals(Optional.empty(), pairings.pairedAt("SN-001"), "but not remembered");
    }

    @Test
    void whileNotificationsMayBeMissedEveryQuestionGoesToTheDatabase() {
        rows.put("SN-001", PAIRED);
        pairings.pairedAt("SN-001");

        pairings.distrust();
        pairings.pairedAt("SN-001");
        pairings.pairedAt("SN-001");
        assertEquals(3, lookups);

        pairings.trust();
        pairings.pairedAt("SN-001");
        pairings.pairedAt("SN-001");
        assertEquals(4, lookups);
    }
}
