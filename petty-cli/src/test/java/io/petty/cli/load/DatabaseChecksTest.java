package io.petty.cli.load;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verification query and the COPY ceiling, against the real schema in a real PostgreSQL. */
class DatabaseChecksTest {

    private static final Duration INTERVAL = Duration.ofMillis(10);
    /** Collars start at clocks of their own: each after its pairing and its previous runs. */
    private static final Instant START = Instant.now().minus(Duration.ofDays(1))
            .truncatedTo(ChronoUnit.SECONDS).plus(123_457, ChronoUnit.MICROS);
    private static final Map<String, Instant> STARTS = Map.of("LD-000001", START, "LD-000002", START.plusSeconds(7),
            "LD-000003", START.plusSeconds(60));

    private DataSource database;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
    }

    @Test
    void verificationFindsEveryAcknowledgedReadingAndCountsTheMissingOnes() throws SQLException {
        store("LD-000001", 0, 1, 2, 5);
        store("LD-000002", 3);
        // Stored between two of the run's instants: not one of its readings, so it must not count.
        store("LD-000002", STARTS.get("LD-000002").plusMillis(35));

        LoadReport.Verification complete = verify(Map.of("LD-000001", bits(0, 1, 2, 5), "LD-000002", bits(3)));
        assertEquals(new LoadReport.Verification(5, 5), complete);
        assertTrue(complete.complete());

        LoadReport.Verification incomplete = verify(Map.of("LD-000001", bits(0, 1, 2, 3), "LD-000002", bits(3, 4),
                "LD-000003", bits(0)));
        assertEquals(new LoadReport.Verification(7, 4), incomplete);
        assertFalse(incomplete.complete());
    }

    @Test
    void copyWritesTheGeneratedRowsIntoAScratchTableShapedLikeReadings() {
        CopyCeiling.Result plain = new CopyCeiling(database).measure(5_000, 7, INTERVAL, false);
        CopyCeiling.Result withMotion = new CopyCeiling(database).measure(500, 3, INTERVAL, true);

        assertEquals(5_000, plain.rows());
        assertTrue(plain.rowsPerSecond() > 0);
        assertEquals(500, withMotion.rows());
    }

    @Test
    void copyTextRowsCarryMotionAsLittleEndianFloat32Hex() {
        SimulatedReading reading = new SimulatedReading("LD-000001", 0, START, 72, 1, 60_169_900, 24_938_400, 87, 386,
                new SimulatedReading.Motion(50, 1, new int[] {1000, 0, -500}, new int[] {0, 0, 0}));
        StringBuilder row = new StringBuilder();

        CopyCeiling.appendRow(row, reading);

        assertEquals("LD-000001\t" + START + "\t72\t1\t60169900\t24938400\t87\t38.6\t50\t1\t"
                + "\\\\x0000803f00000000000000bf\t\\\\x000000000000000000000000\n", row.toString());
    }

    private LoadReport.Verification verify(Map<String, BitSet> acknowledged) {
        Map<String, Acknowledgements.Collar> byCollar = new HashMap<>();
        acknowledged.forEach((collar, bits) -> byCollar.put(collar, new Acknowledgements.Collar(STARTS.get(collar), bits)));
        return new ReadingVerifier(database).verify(new Acknowledgements(INTERVAL, byCollar));
    }

    private void store(String collarId, int... indices) throws SQLException {
        for (int index : indices) {
            store(collarId, STARTS.get(collarId).plus(INTERVAL.multipliedBy(index)));
        }
    }

    private void store(String collarId, Instant timestamp) throws SQLException {
        try (Connection connection = database.getConnection()) {
            try (Statement partition = connection.createStatement()) {
                partition.execute("SELECT ensure_reading_partition(DATE '" + timestamp.atOffset(ZoneOffset.UTC).toLocalDate() + "')");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO reading (collar_id, ts, heart_rate, activity_level) VALUES (?, ?, 72, 1)")) {
                insert.setString(1, collarId);
                insert.setObject(2, timestamp.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }
    }

    private static BitSet bits(int... set) {
        BitSet bits = new BitSet();
        for (int bit : set) {
            bits.set(bit);
        }
        return bits;
    }
}
