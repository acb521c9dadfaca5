package io.petty.domain.privacy.internal;

import io.petty.domain.platform.DatabaseException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** The job run a request started, recorded on its row: export and erasure requests alike. */
final class JobStarts {

    private JobStarts() {
    }

    /** @param table {@code export_request} or {@code erasure_request}, never input */
    static void record(DataSource dataSource, String table, UUID id, long executionId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET execution_id = ? WHERE id = ?")) {
            update.setLong(1, executionId);
            update.setObject(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not record the job run of " + table + " " + id, e);
        }
    }
}
