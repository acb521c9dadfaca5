package io.petty.domain.platform;

import java.sql.SQLException;

/** PostgreSQL could not be reached or refused a statement; the operation did not take effect. */
public class DatabaseException extends RuntimeException {

    public DatabaseException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
