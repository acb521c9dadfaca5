package io.petty.domain.live;

import java.util.UUID;

/**
 * An entry of a pet's live log.
 *
 * @param seq its number in the pet's log: one more than the entry before it, in commit order
 */
public record LiveEvent(UUID petId, long seq, String name, String data) {
}
