package io.petty.domain.behavior;

import java.time.Instant;
import java.util.UUID;

/** What the pet is doing now, as far as the engine can tell: the open event it is in, and since when. */
public record CurrentBehavior(UUID eventId, String behavior, EventKind kind, Instant since, double confidence) {
}
