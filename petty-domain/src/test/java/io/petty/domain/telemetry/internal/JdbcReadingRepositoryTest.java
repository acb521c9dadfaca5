package io.petty.domain.telemetry.internal;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.StoredReading;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcReadingRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:15:00.123456Z");

    private DataSource database;
    private ReadingPartitions partitions;
    private JdbcReadingRepository repository;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        partitions = new ReadingPartitions(database);
        repository = new JdbcReadingRepository(database, partitions);
    }

    @Test
    void storesABatchOnceNamingTheNewReadingsAndNotTheReplaysInsideOrAcrossBatches() {
        Reading first = reading("SN-001", T0);
        Reading second = reading("SN-001", T0.plusSeconds(1));

        assertEquals(positions(0, 1), repository.store(List.of(first, second, first)));
        assertEquals(positions(), repository.store(List.of(second, first)));
        assertEquals(positions(1), repository.store(List.of(first, reading("SN-002", T0))));
    }

    @Test
    void latestIsTheNewestByTheCollarsClockAndKeepsEveryField() {
        Reading newest = new Reading("SN-001", T0.plusSeconds(60), 95, ActivityLevel.PLAYING,
                new GeoPoint(60_169_856, 24_938_412), 55, 38.6);
        repository.store(List.of(reading("SN-001", T0), newest));
        repository.store(List.of(reading("SN-001", T0.plusSeconds(30))));

        StoredReading latest = repository.latest("SN-001").orElseThrow();

        assertEquals(newest, latest.reading());
        assertTrue(repository.latest("SN-404").isEmpty());
    }

    @Test
    void aPartitionDroppedSinceItWasRememberedIsCreatedAgain() throws SQLException {
        repository.store(List.of(reading("SN-001", T0)));
        try (Connection connection = database.getConnection(); Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE reading_20261125");
        }

        assertEquals(positions(0), repository.store(List.of(reading("SN-001", T0))));
    }

    @Test
    void ensureAheadCreatesTodayAndTheComingDays() throws SQLException {
        partitions.ensureAhead(LocalDate.of(2026, 12, 30), 3);

        try (Connection connection = database.getConnection(); Statement query = connection.createStatement();
             var result = query.executeQuery(
                     "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relkind = 'r' AND relname LIKE 'reading\\_2%'")) {
            result.next();
            assertEquals("reading_20261230,reading_20261231,reading_20270101,reading_20270102", result.getString(1));
        }
    }

    private static BitSet positions(int... stored) {
        BitSet set = new BitSet();
        for (int position : stored) {
            set.set(position);
        }
        return set;
    }

    private static Reading reading(String collarId, Instant timestamp) {
        return new Reading(collarId, timestamp, 72, ActivityLevel.WALKING, null, null, null);
    }
}
