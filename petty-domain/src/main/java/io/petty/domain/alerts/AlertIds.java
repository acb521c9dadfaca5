package io.petty.domain.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An episode's id follows from what it is: the pet, the kind and the reading that opened it. Evaluating the same
 * readings again (a pass redone after a crash) finds the same episode under the same id.
 */
public final class AlertIds {

    private AlertIds() {
    }

    public static UUID of(UUID petId, AlertKind kind, Instant openedAt) {
        String name = "petty-alert|" + petId + "|" + kind.wireName() + "|" + openedAt.getEpochSecond() + "."
                + openedAt.getNano();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
