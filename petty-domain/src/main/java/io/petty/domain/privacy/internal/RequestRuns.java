package io.petty.domain.privacy.internal;

import io.petty.domain.platform.DatabaseException;
import io.petty.domain.privacy.Progress;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** A request's row as it is made and as its job goes: export and erasure requests alike. */
final class RequestRuns {

    private RequestRuns() {
    }

    /**
     * A new request: who asked, about whom, why and when.
     *
     * @param table {@code export_request} or {@code erasure_request}, never input
     */
    static void added(DataSource dataSource, String table, UUID id, UUID subjectId, UUID requestedBy, String reason,
                      Instant requestedAt) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (id, subject_id, requested_by, reason, requested_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, subjectId);
            insert.setObject(3, requestedBy);
            insert.setString(4, reason);
            insert.setTimestamp(5, Timestamp.from(requestedAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not store a request in " + table, e);
        }
    }

    /**
     * The job run the request started.
     *
     * @param table {@code export_request} or {@code erasure_request}, never input
     */
    static void started(DataSource dataSource, String table, UUID id, long executionId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET execution_id = ? WHERE id = ?")) {
            update.setLong(1, executionId);
            update.setObject(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not record the job run of " + table + " " + id, e);
        }
    }

    /** How far the job is; the caller gives the write a transaction of its own, so that it shows at once. */
    static void progressed(DataSource dataSource, String table, UUID id, Progress progress) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET progress_done = ?, progress_total = ? WHERE id = ?")) {
            update.setInt(1, progress.done());
            update.setInt(2, progress.total());
            update.setObject(3, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not record the progress of " + table + " " + id, e);
        }
    }

    /** The progress recorded on a row; null before the job recorded any. */
    static Progress progress(ResultSet row) throws SQLException {
        int done = row.getInt("progress_done");
        return row.wasNull() ? null : new Progress(done, row.getInt("progress_total"));
    }
}
