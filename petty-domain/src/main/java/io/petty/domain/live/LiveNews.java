package io.petty.domain.live;

import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened to a pet, to be appended to its live log.
 *
 * @param name what happened, as the stream names it: {@code behavior.began}, {@code alert.opened}
 * @param data a JSON object: what the app shows of it
 */
public record LiveNews(UUID petId, String name, String data) {

    public LiveNews {
        Objects.requireNonNull(petId, "petId is required.");
        Objects.requireNonNull(name, "name is required.");
        Objects.requireNonNull(data, "data is required.");
    }
}
