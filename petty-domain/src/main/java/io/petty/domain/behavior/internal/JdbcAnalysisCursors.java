package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.PetWindow;
import io.petty.domain.platform.DatabaseException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The engine's own bookkeeping in plain JDBC: a cursor is a locked row and a blob of detector state, read and
 * written once per pass, with {@code SKIP LOCKED}, which JPA cannot say.
 */
@Dependent
public class JdbcAnalysisCursors {

    private static final String CREATE = "INSERT INTO analysis_cursor (collar_id) SELECT unnest(?::text[]) "
            + "ON CONFLICT (collar_id) DO NOTHING";
    /** The collars no other server is analysing right now, locked for this one until its transaction ends. */
    private static final String LOCK = """
            SELECT collar_id, pet_id, unit_start, unit_end, analysed_through, state FROM analysis_cursor
            WHERE collar_id = ANY (?) ORDER BY collar_id FOR UPDATE SKIP LOCKED
            """;
    private static final String SAVE = """
            UPDATE analysis_cursor SET pet_id = ?, unit_start = ?, unit_end = ?, analysed_through = ?, state = ?,
                                       updated_at = now()
            WHERE collar_id = ?
            """;
    private static final String WINDOWS = """
            SELECT p.pet_id, pet.time_zone, p.readings_from, p.readings_until FROM collar_pairing p
            JOIN pet ON pet.id = p.pet_id
            WHERE p.collar_id = ? AND p.readings_from <= ? AND (p.readings_until IS NULL OR p.readings_until > ?)
            ORDER BY p.readings_from
            """;

    private final DataSource dataSource;

    @Inject
    public JdbcAnalysisCursors(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the cursors of those collars that no other transaction holds, locked by this one */
    Map<String, Cursor> lock(Collection<String> collarIds) {
        Map<String, Cursor> locked = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement create = connection.prepareStatement(CREATE);
             PreparedStatement lock = connection.prepareStatement(LOCK)) {
            create.setArray(1, connection.createArrayOf("text", collarIds.toArray()));
            create.executeUpdate();
            lock.setArray(1, connection.createArrayOf("text", collarIds.toArray()));
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    locked.put(row.getString(1), new Cursor(row.getObject(2, UUID.class), instant(row, 3), instant(row, 4),
                            instant(row, 5), row.getBytes(6)));
                }
            }
            return locked;
        } catch (SQLException e) {
            throw new DatabaseException("could not lock analysis cursors", e);
        }
    }

    void save(String collarId, Cursor cursor) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement save = connection.prepareStatement(SAVE)) {
            save.setObject(1, cursor.petId());
            save.setObject(2, utc(cursor.unitStart()));
            save.setObject(3, utc(cursor.unitEnd()));
            save.setObject(4, utc(cursor.analysedThrough()));
            save.setBytes(5, cursor.state());
            save.setString(6, collarId);
            save.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not save an analysis cursor", e);
        }
    }

    /** The collar's pairing windows that overlap {@code [from, to]}, with the time zones of their pets. */
    List<PetWindow> windows(String collarId, Instant from, Instant to) {
        List<PetWindow> windows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(WINDOWS)) {
            query.setString(1, collarId);
            query.setObject(2, utc(to));
            query.setObject(3, utc(from));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    windows.add(new PetWindow(row.getObject(1, UUID.class), ZoneId.of(row.getString(2)), instant(row, 3),
                            instant(row, 4)));
                }
            }
            return windows;
        } catch (SQLException e) {
            throw new DatabaseException("could not read a collar's pairing windows", e);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
