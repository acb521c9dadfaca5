package io.petty.domain.behavior;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An event's id follows from what it is: the pet, the collar, the detector, the behavior and the start. Analysing
 * the same readings again finds the same events under the same ids, so an ongoing walk keeps its id as it grows and
 * the owner's feedback stays attached to it.
 */
public final class EventIds {

    private EventIds() {
    }

    public static UUID of(UUID petId, String collarId, DetectedEvent event) {
        String name = "petty-event|" + petId + "|" + collarId + "|" + event.detector() + "|" + event.behavior() + "|"
                + event.start().getEpochSecond() + "." + event.start().getNano();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
