package io.petty.domain.collars;

import io.petty.domain.pets.PetDeleted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CollarPairingsTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private static final Pairing PAIRED = new Pairing("SN-001", UUID.randomUUID(), AT, AT);
    private static final Pairing REPAIRED = new Pairing("SN-001", UUID.randomUUID(), AT.plusSeconds(60), AT.plusSeconds(60));

    /** The database: what it says, and how often it was asked. */
    private final Map<String, Pairing> rows = new HashMap<>();
    private int lookups;
    private Runnable duringLookup = () -> { };
    private CollarPairings pairings;

    @BeforeEach
    void trustedPairings() {
        pairings = new CollarPairings(collarId -> {
            lookups++;
            Optional<Pairing> answer = Optional.ofNullable(rows.get(collarId));
            duringLookup.run();
            return answer;
        });
        pairings.trust();
    }

    @Test
    void aPairingIsAskedForOnceThenRemembered() {
        rows.put("SN-001", PAIRED);

        assertEquals(Optional.of(PAIRED), pairings.current("SN-001"));
        assertEquals(Optional.of(PAIRED), pairings.current("SN-001"));
        assertEquals(1, lookups);
    }

    @Test
    void notPairedIsNeverRememberedSoANewPairingCountsAtOnce() {
        assertEquals(Optional.empty(), pairings.current("SN-001"));
        rows.put("SN-001", PAIRED);

        assertEquals(Optional.of(PAIRED), pairings.current("SN-001"));
    }

    @Test
    void aChangedCollarIsAskedForAgain() {
        rows.put("SN-001", PAIRED);
        pairings.current("SN-001");
        rows.put("SN-001", REPAIRED);

        pairings.changed("SN-001");

        assertEquals(Optional.of(REPAIRED), pairings.current("SN-001"));
        rows.remove("SN-001");
        pairings.changedAll();
        assertEquals(Optional.empty(), pairings.current("SN-001"));
    }

    @Test
    void aDeletedPetMakesEveryCollarBeAskedForAgain() {
        rows.put("SN-001", PAIRED);
        pairings.current("SN-001");
        rows.remove("SN-001");

        pairings.petDeleted(new PetDeleted(PAIRED.petId()));

        assertEquals(Optional.empty(), pairings.current("SN-001"));
    }

    @Test
    void anAnswerOvertakenByAChangeWhileItWasAskedIsNotRemembered() {
        rows.put("SN-001", PAIRED);
        duringLookup = () -> {
            rows.remove("SN-001");
            pairings.changed("SN-001");
        };

        assertEquals(Optional.of(PAIRED), pairings.current("SN-001"), "the answer of its moment");
        duringLookup = () -> { };
        assertEquals(Optional.empty(), pairings.current("SN-001"), "but not remembered");
    }

    @Test
    void whileNotificationsMayBeMissedEveryQuestionGoesToTheDatabase() {
        rows.put("SN-001", PAIRED);
        pairings.current("SN-001");

        pairings.distrust();
        pairings.current("SN-001");
        pairings.current("SN-001");
        assertEquals(3, lookups);

        pairings.trust();
        pairings.current("SN-001");
        pairings.current("SN-001");
        assertEquals(4, lookups);
    }
}
