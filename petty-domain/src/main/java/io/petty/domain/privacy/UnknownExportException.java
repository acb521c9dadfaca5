package io.petty.domain.privacy;

import java.util.UUID;

/** The caller asked for no export with this id (or another person's, which is the same to them). */
public class UnknownExportException extends RuntimeException {

    public UnknownExportException(UUID id) {
        super("no export " + id);
    }
}
