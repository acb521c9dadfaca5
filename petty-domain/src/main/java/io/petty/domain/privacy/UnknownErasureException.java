package io.petty.domain.privacy;

import java.util.UUID;

/** The caller asked for no erasure with this id. */
public class UnknownErasureException extends RuntimeException {

    public UnknownErasureException(UUID id) {
        super("no erasure " + id);
    }
}
