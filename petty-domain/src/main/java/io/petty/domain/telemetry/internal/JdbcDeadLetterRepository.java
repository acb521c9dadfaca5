package io.petty.domain.telemetry.internal;

import io.petty.domain.platform.DatabaseException;
import io.petty.domain.telemetry.DeadLetter;
import io.petty.domain.telemetry.DeadLetterRepository;
import io.petty.domain.telemetry.RejectedReading;
import io.petty.domain.validation.FieldViolation;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The dead-letter table; its rows are written by {@link JdbcReadingRepository}, in the ingest's transaction. */
@Dependent
public class JdbcDeadLetterRepository implements DeadLetterRepository {

    private static final String INSERT = """
            INSERT INTO dead_letter (collar_id, request_id, item_index, error_fields, error_messages, payload)
            VALUES (?, ?, ?, ?, ?, ?)
            """;

    private static final String LIST = """
            SELECT id, received_at, collar_id, request_id, item_index, error_fields, error_messages, payload
            FROM dead_letter
            WHERE (?::text IS NULL OR collar_id = ?) AND (?::bigint IS NULL OR id < ?)
            ORDER BY id DESC
            LIMIT ?
            """;

    private final DataSource dataSource;

    @Inject
    public JdbcDeadLetterRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the refused readings on the caller's connection, so they commit or roll back with its readings. */
    static void insert(Connection connection, List<RejectedReading> rejected) throws SQLException {
        if (rejected.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (RejectedReading reading : rejected) {
                insert.setString(1, reading.collarId());
                insert.setString(2, reading.requestId());
                if (reading.index() == null) {
                    insert.setNull(3, Types.INTEGER);
                } else {
                    insert.setInt(3, reading.index());
                }
                insert.setArray(4, connection.createArrayOf("text",
                        reading.errors().stream().map(FieldViolation::field).toArray()));
                insert.setArray(5, connection.createArrayOf("text",
                        reading.errors().stream().map(FieldViolation::message).toArray()));
                insert.setString(6, reading.payload());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public List<DeadLetter> list(String collarId, Long beforeId, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LIST)) {
            query.setString(1, collarId);
            query.setString(2, collarId);
            query.setObject(3, beforeId, Types.BIGINT);
            query.setObject(4, beforeId, Types.BIGINT);
            query.setInt(5, limit);
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    letters.add(toDeadLetter(row));
                }
            }
            return letters;
        } catch (SQLException e) {
            throw new DatabaseException("could not list dead letters", e);
        }
    }

    @Override
    public int purgeReceivedBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement purge = connection.prepareStatement("DELETE FROM dead_letter WHERE received_at < ?")) {
            purge.setTimestamp(1, Timestamp.from(cutoff));
            return purge.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not purge dead letters", e);
        }
    }

    private static DeadLetter toDeadLetter(ResultSet row) throws SQLException {
        int index = row.getInt("item_index");
        Integer itemIndex = row.wasNull() ? null : index;
        String[] fields = strings(row.getArray("error_fields"));
        String[] messages = strings(row.getArray("error_messages"));
        List<FieldViolation> errors = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            errors.add(new FieldViolation(fields[i], messages[i]));
        }
        Instant receivedAt = row.getObject("received_at", OffsetDateTime.class).toInstant();
        return new DeadLetter(row.getLong("id"), receivedAt, new RejectedReading(row.getString("collar_id"),
                row.getString("request_id"), itemIndex, errors, row.getString("payload")));
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }
}
