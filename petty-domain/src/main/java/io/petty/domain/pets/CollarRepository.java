package io.petty.domain.pets;

import java.time.Instant;
import java.util.Optional;

/** The collars Petty knows. */
public interface CollarRepository {

    /** When the collar was paired with its current pet; empty when it is unknown or unpaired. */
    Optional<Instant> pairedAt(String collarId);

}
