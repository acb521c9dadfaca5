package io.petty.domain.platform;

import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaMigrationsTest {

    @Test
    void migratingTwiceAppliesEverythingOnceAndLeavesNothingPending() {
        SchemaMigrations migrations = new SchemaMigrations(TestPostgres.freshDatabase());

        assertEquals("none", migrations.currentVersion());
        assertTrue(migrations.pending() > 0);
        assertTrue(migrations.migrate() > 0);
        assertEquals(0, migrations.migrate());
        assertEquals(0, migrations.pending());
    }

    @Test
    void readingPartitionsAreCreatedOnceEvenWhenManyAskAtTheSameTime() throws Exception {
        DataSource database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        LocalDate day = LocalDate.of(2026, 11, 25);

        List<Callable<Boolean>> creators = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            creators.add(() -> ensurePartition(database, day));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int created = 0;
        try {
            for (Future<Boolean> result : pool.invokeAll(creators)) {
                created += result.get() ? 1 : 0;
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(1, created);
        assertEquals("FOR VALUES FROM ('2026-11-25 00:00:00+00') TO ('2026-11-26 00:00:00+00')",
                partitionBounds(database, "reading_20261125"));
    }

    private static boolean ensurePartition(DataSource database, LocalDate day) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement ensure = connection.prepareStatement("SELECT ensure_reading_partition(?)")) {
            ensure.setObject(1, day);
            try (ResultSet result = ensure.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static String partitionBounds(DataSource database, String partition) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement bounds = connection.prepareStatement(
                     "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = ?")) {
            connection.createStatement().execute("SET TIME ZONE 'UTC'");
            bounds.setString(1, partition);
            try (ResultSet result = bounds.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
