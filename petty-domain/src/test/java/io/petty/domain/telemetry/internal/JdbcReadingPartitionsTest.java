package io.petty.domain.telemetry.internal;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Daily partitions made ahead and dropped past retention, on a real PostgreSQL. */
class JdbcReadingPartitionsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-07");

    private DataSource database;
    private JdbcReadingPartitions partitions;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        partitions = new JdbcReadingPartitions(database);
    }

    @Test
    void theDaysBeforeTheFirstKeptAreDroppedAndNoOthers() throws SQLException {
        LocalDate firstKept = TODAY.minusDays(89);
        partitions.ensure(List.of(firstKept.minusDays(40), firstKept.minusDays(1), firstKept, TODAY));
        List<LocalDate> before = days();

        assertEquals(List.of(firstKept.minusDays(40), firstKept.minusDays(1)), partitions.dropBefore(firstKept));

        List<LocalDate> kept = new ArrayList<>(before);
        kept.removeAll(List.of(firstKept.minusDays(40), firstKept.minusDays(1)));
        assertEquals(kept, days());
        assertEquals(List.of(), partitions.dropBefore(firstKept), "a second run finds nothing left to drop");
        partitions.ensure(List.of(firstKept.minusDays(1)));
        assertEquals(List.of(firstKept.minusDays(1)), partitions.dropBefore(firstKept),
                "a dropped day is forgotten: made again, it is known to be missing and dropped again");
    }

    /** The days of reading's partitions, oldest first. */
    private List<LocalDate> days() throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'reading'::regclass ORDER BY c.relname""")) {
            while (rows.next()) {
                days.add(LocalDate.parse(rows.getString(1).substring("reading_".length()),
                        DateTimeFormatter.BASIC_ISO_DATE));
            }
        }
        return days;
    }
}
