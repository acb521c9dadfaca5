package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.PetWindow;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlArrays;
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
import java.util.HashMap;
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
            UPDATE analysis_cursor c SET pet_id = s.pet_id, unit_start = s.unit_start, unit_end = s.unit_end,
                                         analysed_through = s.analysed_through, state = s.state, updated_at = now()
            FROM unnest(?::text[], ?::uuid[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::bytea[])
                 AS s(collar_id, pet_id, unit_start, unit_end, analysed_through, state)
            WHERE c.collar_id = s.collar_id
            """;
    private static final String WINDOWS = """
            SELECT p.collar_id, p.pet_id, pet.time_zone, p.readings_from, p.readings_until FROM collar_pairing p
            JOIN pet ON pet.id = p.pet_id
            WHERE p.collar_id = ANY (?) AND p.readings_from <= ? AND (p.readings_until IS NULL OR p.readings_until > ?)
            ORDER BY p.collar_id, p.readings_from
            """;

    private final DataSource dataSource;

    @Inject
    public JdbcAnalysisCursors(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the cursors of those collars that no other transaction holds, locked by this one */
    Map<String, Cursor> lock(Collection<String> collarIds) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Cursor> locked = lockExisting(connection, collarIds);
            List<String> missing = collarIds.stream().filter(collar -> !locked.containsKey(collar)).toList();
            // A collar's first pass makes its cursor; the others missing are another server's right now.
            if (!missing.isEmpty() && create(connection, missing) > 0) {
                locked.putAll(lockExisting(connection, missing));
            }
            return locked;
        } catch (SQLException e) {
            throw new DatabaseException("could not lock analysis cursors", e);
        }
    }

    private static Map<String, Cursor> lockExisting(Connection connection, Collection<String> collarIds)
            throws SQLException {
        Map<String, Cursor> locked = new LinkedHashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setArray(1, SqlArrays.texts(connection, collarIds));
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    locked.put(row.getString(1), new Cursor(row.getObject(2, UUID.class), instant(row, 3), instant(row, 4),
                            instant(row, 5), row.getBytes(6)));
                }
            }
        }
        return locked;
    }

    private static int create(Connection connection, Collection<String> collarIds) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(CREATE)) {
            create.setArray(1, SqlArrays.texts(connection, collarIds));
            return create.executeUpdate();
        }
    }

    /** Saves where the engine now is with these collars, in one statement. */
    void save(Map<String, Cursor> moved) {
        if (moved.isEmpty()) {
            return;
        }
        List<String> collars = List.copyOf(moved.keySet());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement save = connection.prepareStatement(SAVE)) {
            // Typed arrays: the server's connection wrapper refuses byte[] inside an Object[].
            save.setArray(1, SqlArrays.texts(connection, collars));
            save.setArray(2, connection.createArrayOf("uuid",
                    collars.stream().map(c -> moved.get(c).petId()).toArray(UUID[]::new)));
            save.setArray(3, SqlArrays.timestamps(connection, collars.stream().map(c -> moved.get(c).unitStart()).toList()));
            save.setArray(4, SqlArrays.timestamps(connection, collars.stream().map(c -> moved.get(c).unitEnd()).toList()));
            save.setArray(5, SqlArrays.timestamps(connection,
                    collars.stream().map(c -> moved.get(c).analysedThrough()).toList()));
            save.setArray(6, connection.createArrayOf("bytea",
                    collars.stream().map(c -> moved.get(c).state()).toArray(byte[][]::new)));
            save.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not save analysis cursors", e);
        }
    }

    /** The pairing windows of these collars that overlap {@code [from, to]}, with their pets' time zones, by collar. */
    Map<String, List<PetWindow>> windows(Collection<String> collarIds, Instant from, Instant to) {
        Map<String, List<PetWindow>> windows = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(WINDOWS)) {
            query.setArray(1, SqlArrays.texts(connection, collarIds));
            query.setObject(2, utc(to));
            query.setObject(3, utc(from));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    windows.computeIfAbsent(row.getString(1), collar -> new ArrayList<>()).add(new PetWindow(
                            row.getObject(2, UUID.class), ZoneId.of(row.getString(3)), instant(row, 4), instant(row, 5)));
                }
            }
            return windows;
        } catch (SQLException e) {
            throw new DatabaseException("could not read collars' pairing windows", e);
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
