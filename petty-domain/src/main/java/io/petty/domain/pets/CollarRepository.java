package io.petty.domain.pets;

import java.util.Optional;
import java.util.UUID;

/** The collars Petty knows. */
public interface CollarRepository {

    boolean exists(String collarId);

    /** The account owning the pet that wears the collar, when it is paired. */
    Optional<UUID> ownerOf(String collarId);
}
