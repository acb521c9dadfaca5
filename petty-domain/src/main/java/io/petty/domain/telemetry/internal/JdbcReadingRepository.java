package io.petty.domain.telemetry.internal;

import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlArrays;
import io.petty.domain.platform.SqlTransactions;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.IngestCounts;
import io.petty.domain.telemetry.MotionWindow;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.ReadingRepository;
import io.petty.domain.telemetry.ReadingRules;
import io.petty.domain.telemetry.RejectedReading;
import io.petty.domain.telemetry.StoredReading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.UUID;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;

/**
 * Plain JDBC rather than JPA: ingest is the hottest path, and one statement does the whole job.
 * The readings travel as arrays, so a batch of any size is one round trip: new rows are inserted, replays
 * skipped by the primary key, each collar's latest row advanced, the new readings announced to the behavior engine
 * (the reading backlog), and their positions returned; the new ones are then held in memory for the engine. The
 * request's refused readings are written as dead letters in the same transaction. Small writes without refused
 * readings, the single readings most collars send, are group-committed with each other.
 */
@ApplicationScoped
public class JdbcReadingRepository implements ReadingRepository {

    /** Writes of at most this many readings are grouped; larger ones are worth a statement of their own. */
    static final int GROUPED_UP_TO = 20;

    private static final String STORE = """
            WITH input AS (
                SELECT * FROM unnest(?::text[], ?::bigint[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::real[],
                                     ?::int[], ?::int[], ?::bytea[], ?::bytea[])
                    WITH ORDINALITY
                    AS i(collar_id, ts_micros, heart_rate, activity_level, lat_e6, lon_e6, battery_pct, temperature_c,
                         motion_hz, motion_samples, motion_accel, motion_gyro, ord)
            ), inserted AS (
                INSERT INTO reading (collar_id, ts, heart_rate, activity_level, lat_e6, lon_e6, battery_pct, temperature_c,
                                     motion_hz, motion_samples, motion_accel, motion_gyro)
                -- A reading sent twice in one statement: the first one sent is the one kept.
                SELECT DISTINCT ON (collar_id, ts_micros)
                       collar_id, timestamptz 'epoch' + ts_micros * interval '1 microsecond', heart_rate, activity_level,
                       lat_e6, lon_e6, battery_pct, temperature_c, motion_hz, motion_samples, motion_accel, motion_gyro
                FROM input
                ORDER BY collar_id, ts_micros, ord
                ON CONFLICT (collar_id, ts) DO NOTHING
                RETURNING *
            ), latest AS (
                INSERT INTO latest_reading AS l
                SELECT DISTINCT ON (collar_id) * FROM inserted ORDER BY collar_id, ts DESC
                ON CONFLICT (collar_id) DO UPDATE
                    SET ts = excluded.ts, heart_rate = excluded.heart_rate, activity_level = excluded.activity_level,
                        lat_e6 = excluded.lat_e6, lon_e6 = excluded.lon_e6, battery_pct = excluded.battery_pct,
                        temperature_c = excluded.temperature_c, received_at = excluded.received_at,
                        motion_hz = excluded.motion_hz, motion_samples = excluded.motion_samples,
                        motion_accel = excluded.motion_accel, motion_gyro = excluded.motion_gyro
                    WHERE l.ts < excluded.ts
            ), announced AS (
                INSERT INTO analysis_backlog (collar_id, earliest, latest)
                SELECT collar_id, min(ts), max(ts) FROM inserted GROUP BY collar_id
                RETURNING id, collar_id
            )
            -- The first position of each new reading (a reading repeated within the batch counts once), and the
            -- arrival that announces it.
            SELECT min(i.ord), a.id FROM inserted r
            JOIN input i ON i.collar_id = r.collar_id AND timestamptz 'epoch' + i.ts_micros * interval '1 microsecond' = r.ts
            JOIN announced a ON a.collar_id = r.collar_id
            GROUP BY r.collar_id, r.ts, a.id
            """;

    /** The real-time view in one index lookup per table: is it the owner's collar, and what did it last send. */
    private static final String LATEST_OWNED = """
            SELECT c.id AS collar, c.pet_id, l.collar_id, l.ts, l.heart_rate, l.activity_level, l.lat_e6, l.lon_e6,
                   l.battery_pct, l.temperature_c, l.received_at, l.motion_hz, l.motion_samples, l.motion_accel,
                   l.motion_gyro
            FROM collar c
            JOIN pet p ON p.id = c.pet_id
            LEFT JOIN latest_reading l ON l.collar_id = c.id
            WHERE c.id = ? AND p.owner_id = ?
            """;

    /** Every span's readings in one statement: an index range scan per span, in the order of the spans. */
    private static final String SCAN = """
            SELECT s.ord, r.ts, r.heart_rate, r.activity_level, r.lat_e6, r.lon_e6, r.battery_pct, r.temperature_c,
                   r.motion_hz, r.motion_samples, r.motion_accel, r.motion_gyro
            FROM unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY AS s(collar_id, from_ts, to_ts, ord)
            CROSS JOIN LATERAL (
                SELECT * FROM reading WHERE collar_id = s.collar_id AND ts >= s.from_ts AND ts < s.to_ts ORDER BY ts
            ) r
            ORDER BY s.ord, r.ts
            """;
    /** Rows fetched at a time while scanning: a day of readings at 10 s in nine round trips, a few MB at most. */
    private static final int SCAN_FETCH_SIZE = 1_000;

    /** SQLSTATE check_violation: raised when no partition accepts a row. */
    private static final String NO_PARTITION = "23514";

    private final DataSource dataSource;
    private final JdbcReadingPartitions partitions;
    private final GroupCommit<Reading> smallWrites;
    private final HeldReadings held;

    @Inject
    public JdbcReadingRepository(DataSource dataSource, JdbcReadingPartitions partitions, HeldReadings held,
                                 IngestCounts counts) {
        this(dataSource, partitions, held, counts::groupCommitted);
    }

    /** @param groupCommitted told how many readings each commit of grouped small writes held */
    public JdbcReadingRepository(DataSource dataSource, JdbcReadingPartitions partitions, HeldReadings held,
                                 IntConsumer groupCommitted) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.held = held;
        this.smallWrites = new GroupCommit<>(ReadingRules.MAX_BATCH, readings -> {
            BitSet stored = write(readings, List.of());
            groupCommitted.accept(readings.size());
            return stored;
        }, JdbcReadingRepository::refusedForItsData);
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected JdbcReadingRepository() {
        this.dataSource = null;
        this.partitions = null;
        this.smallWrites = null;
        this.held = null;
    }

    @Override
    public BitSet store(List<Reading> readings, List<RejectedReading> rejected) {
        Set<LocalDate> days = readings.stream()
                .map(reading -> LocalDate.ofInstant(reading.timestamp(), ZoneOffset.UTC))
                .collect(Collectors.toSet());
        partitions.ensure(days);
        try {
            return writeOrGroup(readings, rejected);
        } catch (DatabaseException e) {
            if (!(e.getCause() instanceof SQLException sql) || !NO_PARTITION.equals(sql.getSQLState())) {
                throw e;
            }
            // A partition was dropped since it was remembered (retention): learn again, then retry once.
            partitions.forget();
            partitions.ensure(days);
            return writeOrGroup(readings, rejected);
        }
    }

    private BitSet writeOrGroup(List<Reading> readings, List<RejectedReading> rejected) {
        boolean small = rejected.isEmpty() && !readings.isEmpty() && readings.size() <= GROUPED_UP_TO;
        if (!small) {
            return write(readings, rejected);
        }
        try {
            return smallWrites.write(readings);
        } catch (DatabaseException shared) {
            // The group's callers got the same exception: each its own, so that nobody adds to another's.
            throw new DatabaseException("could not store readings", (SQLException) shared.getCause());
        }
    }

    /** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation, e.g. no partition). */
    private static boolean refusedForItsData(RuntimeException failure) {
        return failure.getCause() instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"));
    }

    private BitSet write(List<Reading> readings, List<RejectedReading> rejected) {
        if (!rejected.isEmpty()) {
            return SqlTransactions.run(dataSource, "could not store readings", connection -> {
                BitSet stored = readings.isEmpty() ? new BitSet() : insert(connection, readings);
                JdbcDeadLetterRepository.insert(connection, rejected);
                return stored;
            });
        }
        try (Connection connection = dataSource.getConnection()) {
            // The usual case: one statement is its own transaction, and a COMMIT round trip is saved.
            connection.setAutoCommit(true);
            return insert(connection, readings);
        } catch (SQLException e) {
            throw new DatabaseException("could not store readings", e);
        }
    }

    /** Stores the new readings and holds them for the engine (see {@link HeldReadings}). @return their positions */
    private BitSet insert(Connection connection, List<Reading> readings) throws SQLException {
        int size = readings.size();
        String[] collarIds = new String[size];
        Long[] micros = new Long[size];
        Integer[] heartRates = new Integer[size];
        Integer[] activity = new Integer[size];
        Integer[] lats = new Integer[size];
        Integer[] lons = new Integer[size];
        Integer[] battery = new Integer[size];
        Float[] temperatures = new Float[size];
        Integer[] motionHz = new Integer[size];
        Integer[] motionSamples = new Integer[size];
        byte[][] motionAccel = new byte[size][];
        byte[][] motionGyro = new byte[size][];
        for (int i = 0; i < size; i++) {
            Reading reading = readings.get(i);
            collarIds[i] = reading.collarId();
            micros[i] = ChronoUnit.MICROS.between(Instant.EPOCH, reading.timestamp());
            heartRates[i] = reading.heartRate();
            activity[i] = reading.activityLevel().code();
            lats[i] = reading.location() == null ? null : reading.location().latE6();
            lons[i] = reading.location() == null ? null : reading.location().lonE6();
            battery[i] = reading.batteryPct();
            temperatures[i] = reading.temperatureC() == null ? null : reading.temperatureC().floatValue();
            MotionWindow motion = reading.motion();
            if (motion != null) {
                motionHz[i] = motion.hz();
                motionSamples[i] = motion.samples();
                motionAccel[i] = MotionWindow.pack(motion.accel());
                motionGyro[i] = motion.gyro() == null ? null : MotionWindow.pack(motion.gyro());
            }
        }
        try (PreparedStatement store = connection.prepareStatement(STORE)) {
            store.setArray(1, connection.createArrayOf("text", collarIds));
            store.setArray(2, connection.createArrayOf("int8", micros));
            store.setArray(3, connection.createArrayOf("int4", heartRates));
            store.setArray(4, connection.createArrayOf("int4", activity));
            store.setArray(5, connection.createArrayOf("int4", lats));
            store.setArray(6, connection.createArrayOf("int4", lons));
            store.setArray(7, connection.createArrayOf("int4", battery));
            store.setArray(8, connection.createArrayOf("float4", temperatures));
            store.setArray(9, connection.createArrayOf("int4", motionHz));
            store.setArray(10, connection.createArrayOf("int4", motionSamples));
            store.setArray(11, connection.createArrayOf("bytea", motionAccel));
            store.setArray(12, connection.createArrayOf("bytea", motionGyro));
            BitSet stored = new BitSet(size);
            Map<Long, List<Reading>> arrivals = new HashMap<>();
            try (ResultSet result = store.executeQuery()) {
                while (result.next()) {
                    int position = result.getInt(1) - 1;
                    stored.set(position);
                    arrivals.computeIfAbsent(result.getLong(2), arrival -> new ArrayList<>())
                            .add(asScanned(readings.get(position)));
                }
            }
            // Held before a commit that may still fail: an arrival rolled back is never announced, so never asked for.
            held.keep(arrivals);
            return stored;
        }
    }

    @Override
    public Optional<OwnedCollar> latestOwnedBy(String collarId, UUID ownerId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LATEST_OWNED)) {
            query.setString(1, collarId);
            query.setObject(2, ownerId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Optional<StoredReading> latest = row.getString("collar_id") == null
                        ? Optional.empty() : Optional.of(toStoredReading(row));
                return Optional.of(new OwnedCollar(row.getString("collar"), row.getObject("pet_id", UUID.class), latest));
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read the latest reading", e);
        }
    }

    @Override
    public void scan(List<Span> spans, ObjIntConsumer<Reading> each) {
        if (spans.isEmpty()) {
            return;
        }
        // Called inside the analysis' transaction: the connection is not in auto-commit, so the driver streams.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(SCAN)) {
            query.setFetchSize(SCAN_FETCH_SIZE);
            query.setArray(1, SqlArrays.texts(connection, spans.stream().map(Span::collarId).toList()));
            query.setArray(2, SqlArrays.timestamps(connection, spans.stream().map(Span::from).toList()));
            query.setArray(3, SqlArrays.timestamps(connection, spans.stream().map(Span::to).toList()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    int span = row.getInt("ord") - 1;
                    each.accept(new Reading(spans.get(span).collarId(), instant(row, "ts"), row.getInt("heart_rate"),
                            ActivityLevel.ofCode(row.getInt("activity_level")).orElseThrow(), location(row),
                            nullableInt(row, "battery_pct"), temperature(row), motion(row)), span);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read readings", e);
        }
    }

    /** The reading as {@link #scan} reads it back: to the microsecond, its temperature through {@code real}. */
    static Reading asScanned(Reading reading) {
        Double temperature = reading.temperatureC() == null ? null : fromReal(reading.temperatureC().floatValue());
        return new Reading(reading.collarId(), reading.timestamp().truncatedTo(ChronoUnit.MICROS), reading.heartRate(),
                reading.activityLevel(), reading.location(), reading.batteryPct(), temperature, reading.motion());
    }

    private static StoredReading toStoredReading(ResultSet row) throws SQLException {
        GeoPoint location = location(row);
        Integer batteryPct = nullableInt(row, "battery_pct");
        Double temperatureC = temperature(row);
        Reading reading = new Reading(row.getString("collar_id"), instant(row, "ts"), row.getInt("heart_rate"),
                ActivityLevel.ofCode(row.getInt("activity_level")).orElseThrow(), location, batteryPct, temperatureC,
                motion(row));
        return new StoredReading(reading, instant(row, "received_at"));
    }

    private static MotionWindow motion(ResultSet row) throws SQLException {
        byte[] accel = row.getBytes("motion_accel");
        byte[] gyro = row.getBytes("motion_gyro");
        return accel == null ? null : new MotionWindow(row.getInt("motion_hz"), row.getInt("motion_samples"),
                MotionWindow.unpack(accel), gyro == null ? null : MotionWindow.unpack(gyro));
    }

    private static GeoPoint location(ResultSet row) throws SQLException {
        int lat = row.getInt("lat_e6");
        return row.wasNull() ? null : new GeoPoint(lat, row.getInt("lon_e6"));
    }

    private static Integer nullableInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    private static Double temperature(ResultSet row) throws SQLException {
        float temperature = row.getFloat("temperature_c");
        return row.wasNull() ? null : fromReal(temperature);
    }

    /** real -> double through the decimal text keeps 38.6 as 38.6 rather than 38.599998474121094. */
    private static Double fromReal(float value) {
        return Double.valueOf(Float.toString(value));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
