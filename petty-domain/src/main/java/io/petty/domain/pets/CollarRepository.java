package io.petty.domain.pets;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The collars Petty knows. */
public interface CollarRepository {

    /** When the collar was paired with its current pet; empty when it is unknown or unpaired. */
    Optional<Instant> pairedAt(String collarId);

    /** The account owning the pet that wears the collar, when it is paired. */
    Optional<UUID> ownerOf(String collarId);
}
