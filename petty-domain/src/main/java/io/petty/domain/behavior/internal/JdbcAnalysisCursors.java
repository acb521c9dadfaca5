package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.PetWindow;
import io.petty.domain.behavior.Reanalysis;
import io.petty.domain.pets.Pet;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlArrays;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

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
import java.util.NavigableMap;
import java.util.TreeMap;
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
            SELECT collar_id, pet_id, unit_start, unit_end, analysed_through, state, stale_since, alert_state
            FROM analysis_cursor
            WHERE collar_id = ANY (?) ORDER BY collar_id FOR UPDATE SKIP LOCKED
            """;
    /** The same, waiting for the rows another transaction holds. */
    private static final String LOCK_WAITING = """
            SELECT collar_id, pet_id, unit_start, unit_end, analysed_through, state, stale_since, alert_state
            FROM analysis_cursor
            WHERE collar_id = ANY (?) ORDER BY collar_id FOR UPDATE
            """;
    /** The collars whose stored open events have lagged their state since before the given time: a scan, unindexed. */
    private static final String STALE = """
            SELECT collar_id FROM analysis_cursor WHERE stale_since <= ? LIMIT ?
            """;
    private static final String MARK_STALE = "UPDATE analysis_cursor SET stale_since = ? WHERE collar_id = ANY (?)";
    private static final String SAVE = """
            UPDATE analysis_cursor c SET pet_id = s.pet_id, unit_start = s.unit_start, unit_end = s.unit_end,
                                         analysed_through = s.analysed_through, state = s.state,
                                         stale_since = s.stale_since, alert_state = s.alert_state, updated_at = now()
            FROM unnest(?::text[], ?::uuid[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::bytea[],
                        ?::timestamptz[], ?::bytea[])
                 AS s(collar_id, pet_id, unit_start, unit_end, analysed_through, state, stale_since, alert_state)
            WHERE c.collar_id = s.collar_id
            """;
    private static final String SAVE_ALERTS = """
            UPDATE analysis_cursor c SET alert_state = s.alert_state, updated_at = now()
            FROM unnest(?::text[], ?::bytea[]) AS s(collar_id, alert_state) WHERE c.collar_id = s.collar_id
            """;
    /**
     * Collars still worn by the pet of their cursor whose last reading taken in is older than {@code ?} and not
     * older than {@code ?}, with no collar-silent episode of that pet open: a scan of the cursors, a minute apart.
     */
    private static final String SILENT = """
            SELECT c.collar_id FROM analysis_cursor c
            JOIN collar_pairing p ON p.collar_id = c.collar_id AND p.pet_id = c.pet_id AND p.unpaired_at IS NULL
            WHERE c.analysed_through < ? AND c.analysed_through >= ? AND c.stale_since IS NULL
              AND c.alert_state IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.pet_id = c.pet_id AND a.kind = 'collar_silent'
                                                      AND a.resolved_at IS NULL)
            LIMIT ?
            """;
    private static final String WINDOWS = """
            SELECT p.collar_id, p.pet_id, pet.time_zone, p.readings_from, p.readings_until,
                   pet.home_lat, pet.home_lon, pet.home_radius_m FROM collar_pairing p
            JOIN pet ON pet.id = p.pet_id
            WHERE p.collar_id = ANY (?) AND p.readings_from <= ? AND (p.readings_until IS NULL OR p.readings_until > ?)
            ORDER BY p.collar_id, p.readings_from
            """;
    /**
     * The pairing windows overlapping {@code [?, ?)} of the first {@code ?} collars from {@code ?} on whose ids hash
     * into {@code [?, ?)} ({@link Reanalysis.CollarRange}): a scan of the pairings, which are a row per pairing.
     */
    private static final String WINDOWS_IN_RANGE = """
            WITH worn AS (SELECT p.*, ('x' || substr(md5(p.collar_id), 1, 8))::bit(32)::bigint AS hash
                          FROM collar_pairing p
                          WHERE p.readings_from < ? AND (p.readings_until IS NULL OR p.readings_until > ?)
                            AND p.collar_id >= ?),
                 next AS (SELECT DISTINCT collar_id FROM worn WHERE hash >= ? AND hash < ?
                          ORDER BY collar_id LIMIT ?)
            SELECT w.collar_id, w.pet_id, pet.time_zone, w.readings_from, w.readings_until,
                   pet.home_lat, pet.home_lon, pet.home_radius_m FROM worn w
            JOIN next USING (collar_id) JOIN pet ON pet.id = w.pet_id
            ORDER BY w.collar_id, w.readings_from
            """;

    /**
     * A cursor as stored.
     *
     * @param staleSince since when the unit's stored open events and summary have lagged the cursor's state; null
     *                   while they are what the state gives
     * @param alerts     the collar's alert rules at the cursor's position ({@link CollarAlerts#snapshot})
     */
    record CursorRow(Cursor cursor, Instant staleSince, byte[] alerts) {
    }

    private final DataSource dataSource;

    @Inject
    public JdbcAnalysisCursors(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the cursors of those collars that no other transaction holds, locked by this one */
    Map<String, CursorRow> lock(Collection<String> collarIds) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, CursorRow> locked = lockExisting(connection, LOCK, collarIds);
            List<String> missing = collarIds.stream().filter(collar -> !locked.containsKey(collar)).toList();
            // A collar's first pass makes its cursor; the others missing are another server's right now.
            if (!missing.isEmpty() && create(connection, missing) > 0) {
                locked.putAll(lockExisting(connection, LOCK, missing));
            }
            return locked;
        } catch (SQLException e) {
            throw new DatabaseException("could not lock analysis cursors", e);
        }
    }

    /**
     * Makes the cursors of these collars that have none, in a transaction of its own: committed before the caller
     * locks any, so that a pass making one of them waits for nothing the caller holds.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(Collection<String> collarIds) {
        try (Connection connection = dataSource.getConnection()) {
            create(connection, collarIds);
        } catch (SQLException e) {
            throw new DatabaseException("could not make analysis cursors", e);
        }
    }

    /**
     * The cursors of these collars ({@link #create made} before), locked by this transaction, waiting for any another
     * holds (a pass holds one for a moment); in collar order, as every waiting lock of them is taken (an erasure's
     * too), so that two of them never wait for each other in a circle.
     */
    Map<String, CursorRow> lockWaiting(Collection<String> collarIds) {
        try (Connection connection = dataSource.getConnection()) {
            return lockExisting(connection, LOCK_WAITING, collarIds);
        } catch (SQLException e) {
            throw new DatabaseException("could not lock analysis cursors", e);
        }
    }

    private static Map<String, CursorRow> lockExisting(Connection connection, String sql, Collection<String> collarIds)
            throws SQLException {
        Map<String, CursorRow> locked = new LinkedHashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setArray(1, SqlArrays.texts(connection, collarIds));
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    locked.put(row.getString(1), new CursorRow(new Cursor(row.getObject(2, UUID.class), instant(row, 3),
                            instant(row, 4), instant(row, 5), row.getBytes(6)), instant(row, 7), row.getBytes(8)));
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
    void save(Map<String, CursorRow> moved) {
        if (moved.isEmpty()) {
            return;
        }
        List<String> collars = List.copyOf(moved.keySet());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement save = connection.prepareStatement(SAVE)) {
            // Typed arrays: the server's connection wrapper refuses byte[] inside an Object[].
            save.setArray(1, SqlArrays.texts(connection, collars));
            List<Cursor> saved = collars.stream().map(c -> moved.get(c).cursor()).toList();
            save.setArray(2, connection.createArrayOf("uuid", saved.stream().map(Cursor::petId).toArray(UUID[]::new)));
            save.setArray(3, SqlArrays.timestamps(connection, saved.stream().map(Cursor::unitStart).toList()));
            save.setArray(4, SqlArrays.timestamps(connection, saved.stream().map(Cursor::unitEnd).toList()));
            save.setArray(5, SqlArrays.timestamps(connection, saved.stream().map(Cursor::analysedThrough).toList()));
            save.setArray(6, connection.createArrayOf("bytea", saved.stream().map(Cursor::state).toArray(byte[][]::new)));
            save.setArray(7, SqlArrays.timestamps(connection, collars.stream().map(c -> moved.get(c).staleSince()).toList()));
            save.setArray(8, connection.createArrayOf("bytea", collars.stream().map(c -> moved.get(c).alerts())
                    .toArray(byte[][]::new)));
            save.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not save analysis cursors", e);
        }
    }

    /** Saves the alert rules of these collars, their cursors otherwise as they are. */
    void saveAlerts(Map<String, byte[]> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        List<String> collars = List.copyOf(alerts.keySet());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement save = connection.prepareStatement(SAVE_ALERTS)) {
            save.setArray(1, SqlArrays.texts(connection, collars));
            save.setArray(2, connection.createArrayOf("bytea", collars.stream().map(alerts::get).toArray(byte[][]::new)));
            save.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not save collars' alert rules", e);
        }
    }

    /**
     * Up to {@code limit} collars silent since before {@code before}, but not before {@code since}, with no episode of
     * it open yet.
     */
    List<String> silent(Instant before, Instant since, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(SILENT)) {
            query.setObject(1, utc(before));
            query.setObject(2, utc(since));
            query.setInt(3, limit);
            return collarIds(query);
        } catch (SQLException e) {
            throw new DatabaseException("could not find silent collars", e);
        }
    }

    /** Up to {@code limit} collars whose stored open events have lagged their state since {@code before} or longer. */
    List<String> stale(Instant before, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(STALE)) {
            query.setObject(1, utc(before));
            query.setInt(2, limit);
            return collarIds(query);
        } catch (SQLException e) {
            throw new DatabaseException("could not find stale analysis cursors", e);
        }
    }

    private static List<String> collarIds(PreparedStatement query) throws SQLException {
        List<String> collars = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                collars.add(row.getString(1));
            }
        }
        return collars;
    }

    /** These collars' units lag their cursors' states since {@code since}, for the sweep of that time. */
    void markStale(Collection<String> collarIds, Instant since) {
        if (collarIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(MARK_STALE)) {
            update.setObject(1, utc(since));
            update.setArray(2, SqlArrays.texts(connection, collarIds));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not mark analysis cursors stale", e);
        }
    }

    /**
     * The pairing windows of these collars that overlap {@code [from, to]}, with their pets' time zones and home
     * fences, by collar.
     */
    Map<String, List<PetWindow>> windows(Collection<String> collarIds, Instant from, Instant to) {
        Map<String, List<PetWindow>> windows = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(WINDOWS)) {
            query.setArray(1, SqlArrays.texts(connection, collarIds));
            query.setObject(2, utc(to));
            query.setObject(3, utc(from));
            readWindows(query, windows);
            return windows;
        } catch (SQLException e) {
            throw new DatabaseException("could not read collars' pairing windows", e);
        }
    }

    /**
     * The pairing windows overlapping {@code [from, to)} of the first {@code collars} collars of the range, from
     * {@code fromCollar} on (inclusive), by collar in id order.
     */
    NavigableMap<String, List<PetWindow>> windowsInRange(Reanalysis.CollarRange range, Instant from, Instant to,
                                                String fromCollar, int collars) {
        NavigableMap<String, List<PetWindow>> windows = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(WINDOWS_IN_RANGE)) {
            query.setObject(1, utc(to));
            query.setObject(2, utc(from));
            query.setString(3, fromCollar);
            query.setLong(4, range.from());
            query.setLong(5, range.to());
            query.setInt(6, collars);
            readWindows(query, windows);
            return windows;
        } catch (SQLException e) {
            throw new DatabaseException("could not read the pairing windows of a collar range", e);
        }
    }

    private static void readWindows(PreparedStatement query, Map<String, List<PetWindow>> windows)
            throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                double lat = row.getDouble(6);
                Pet.Geofence home = row.wasNull() ? null : new Pet.Geofence(lat, row.getDouble(7), row.getInt(8));
                windows.computeIfAbsent(row.getString(1), collar -> new ArrayList<>()).add(new PetWindow(
                        row.getObject(2, UUID.class), ZoneId.of(row.getString(3)), instant(row, 4), instant(row, 5),
                        home));
            }
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
