package io.petty.cli.load;

import io.petty.domain.telemetry.MotionWindow;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The ceiling ingest is measured against: the same generator's rows written with PostgreSQL's {@code COPY}, the
 * fastest way in, into a scratch table shaped like {@code reading} (its primary key included). The table is an
 * ordinary logged one, as {@code reading} is, so the ceiling pays for the write-ahead log too; it is dropped
 * afterwards.
 */
public final class CopyCeiling {

    /** @param rows rows PostgreSQL says it copied in {@code elapsed}, generating them included */
    public record Result(long rows, Duration elapsed) {
        public double rowsPerSecond() {
            return rows / (elapsed.toNanos() / 1e9);
        }
    }

    private static final String COLUMNS = "collar_id, ts, heart_rate, activity_level, lat_e6, lon_e6, battery_pct, "
            + "temperature_c";
    private static final String MOTION_COLUMNS = ", motion_hz, motion_samples, motion_accel, motion_gyro";
    private static final int CHUNK_CHARS = 1 << 16;

    private final DataSource dataSource;

    public CopyCeiling(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes {@code rows} readings of {@code collars} collars in one {@code COPY}, and times it.
     *
     * @param readingInterval the fleet's, so that the rows are those it sends, timestamps written alike
     */
    public Result measure(long rows, int collars, Duration readingInterval, boolean motion) {
        // The scratch table has none of the server's rules: any start will do.
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<CollarSimulation> fleet = new ArrayList<>();
        for (int i = 0; i < collars; i++) {
            fleet.add(new CollarSimulation(String.format(Locale.ROOT, "CP-%06d", i), start, readingInterval, motion, i));
        }
        String table = "load_copy_ceiling_" + Long.toHexString(System.nanoTime());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + table + " (LIKE reading INCLUDING DEFAULTS INCLUDING INDEXES)");
            }
            try {
                return copy(connection, table, rows, fleet, motion);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE " + table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY ceiling: " + e.getMessage(), e);
        }
    }

    private static Result copy(Connection connection, String table, long rows, List<CollarSimulation> fleet,
                               boolean motion) throws SQLException {
        long began = System.nanoTime();
        long copied;
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " ("
                + COLUMNS + (motion ? MOTION_COLUMNS : "") + ") FROM STDIN");
        try {
            StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 8192);
            for (long row = 0; row < rows; row++) {
                appendRow(chunk, fleet.get((int) (row % fleet.size())).next());
                if (chunk.length() >= CHUNK_CHARS) {
                    write(copy, chunk);
                }
            }
            write(copy, chunk);
            copied = copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return new Result(copied, Duration.ofNanos(System.nanoTime() - began));
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    /** One row in COPY's text format: tab-separated, bytea as {@code \\x} hex (the backslash escaped). */
    static void appendRow(StringBuilder row, SimulatedReading reading) {
        row.append(reading.collarId()).append('\t').append(reading.timestamp()).append('\t')
                .append(reading.heartRate()).append('\t').append(reading.activityLevel()).append('\t')
                .append(reading.latE6()).append('\t').append(reading.lonE6()).append('\t')
                .append(reading.batteryPct()).append('\t');
        ReadingJson.fixed(row, reading.temperatureDeci(), 1);
        SimulatedReading.Motion motion = reading.motion();
        if (motion != null) {
            row.append('\t').append(motion.hz()).append('\t').append(motion.samples()).append('\t');
            float32Hex(row, motion.accelMilli());
            row.append('\t');
            float32Hex(row, motion.gyroMilli());
        }
        row.append('\n');
    }

    /** A motion axis as the server stores it ({@link MotionWindow#pack}), in COPY's escaped bytea hex. */
    private static void float32Hex(StringBuilder out, int[] milli) {
        float[] values = new float[milli.length];
        for (int i = 0; i < milli.length; i++) {
            values[i] = milli[i] / 1000f;
        }
        out.append("\\\\x").append(HexFormat.of().formatHex(MotionWindow.pack(values)));
    }
}
