package io.petty.domain.behavior.internal;

import io.petty.domain.alerts.AlertChange;
import io.petty.domain.alerts.PetAlerts;
import io.petty.domain.telemetry.Reading;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A collar's alert rules, those of the pet wearing it, through the engine's passes: fed every reading the engine
 * takes in from the collar, in order, and saved with its cursor at the same position as the detectors' state, so
 * that whoever reads the cursor back and takes in the readings after it evaluates each of them once. The pet's
 * rules are read from the saved state when first needed, with the pet's settings as they are then.
 */
final class CollarAlerts {

    static final String PAIRED_ELSEWHERE = "collar paired with another pet";
    private static final int PET_BYTES = 16;

    /** A change of one pet's alerts. */
    record Change(UUID petId, AlertChange change) {
    }

    /** As stored with the cursor, until the rules are read from it; null when none was. */
    private final byte[] saved;
    /** Without a saved state, readings up to here (what the cursor had taken in already) raise nothing. */
    private final Instant notBefore;
    private UUID petId;
    private PetAlerts rules;
    /** Whether the saved state was read, or found unreadable. */
    private boolean read;

    private CollarAlerts(byte[] saved, Instant notBefore) {
        this.saved = saved;
        this.notBefore = notBefore;
    }

    /**
     * @param saved           what the cursor holds; null when it has none (a collar analysed before alerts)
     * @param analysedThrough the cursor's last reading: without a state, later readings only are evaluated
     */
    static CollarAlerts of(byte[] saved, Instant analysedThrough) {
        return new CollarAlerts(saved, analysedThrough);
    }

    /** The collar's next reading taken in, worn by this pet, whose settings these are. */
    void accept(UUID pet, PetAlerts.Settings settings, Reading reading, Consumer<Change> changes) {
        PetAlerts current = rules(settings).orElse(null);
        if (current == null ? notBefore != null && !reading.timestamp().isAfter(notBefore)
                : !current.takes(reading.timestamp())) {
            return;
        }
        if (current != null && !pet.equals(petId)) {
            UUID released = petId;
            current.release(reading.timestamp(), PAIRED_ELSEWHERE,
                    change -> changes.accept(new Change(released, change)));
            current = null;
        }
        rules = current == null ? PetAlerts.start(settings) : current.with(settings);
        petId = pet;
        rules.accept(reading, change -> changes.accept(new Change(pet, change)));
    }

    /** A check for a silence of the collar ({@link PetAlerts#checkSilence}) at {@code now}. */
    void checkSilence(PetAlerts.Settings settings, Instant now, Consumer<Change> changes) {
        rules(settings).ifPresent(current -> current.checkSilence(now,
                change -> changes.accept(new Change(petId, change))));
    }

    /** Whose rules these are: the pet of the collar's last reading; null before any. */
    UUID petId() {
        if (!read && saved != null && saved.length >= PET_BYTES) {
            ByteBuffer buffer = ByteBuffer.wrap(saved);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return petId;
    }

    /** The state to save with the cursor; null while there is none. */
    byte[] snapshot() {
        if (rules == null) {
            return saved;
        }
        byte[] state = rules.snapshot();
        return ByteBuffer.allocate(PET_BYTES + state.length).putLong(petId.getMostSignificantBits())
                .putLong(petId.getLeastSignificantBits()).put(state).array();
    }

    /**
     * The rules, read from the saved state at first use. Which episodes are open does not depend on the settings,
     * so those of the pet now wearing the collar serve to release another pet's.
     *
     * @return empty without a readable state: the collar's next reading starts new rules
     */
    private Optional<PetAlerts> rules(PetAlerts.Settings settings) {
        if (!read && saved != null && saved.length > PET_BYTES) {
            petId = petId();
            rules = PetAlerts.restore(settings, Arrays.copyOfRange(saved, PET_BYTES, saved.length)).orElse(null);
        }
        read = true;
        return Optional.ofNullable(rules);
    }
}
