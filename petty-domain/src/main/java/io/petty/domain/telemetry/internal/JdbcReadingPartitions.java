package io.petty.domain.telemetry.internal;

import io.petty.domain.platform.DatabaseException;
import io.petty.domain.telemetry.ReadingPartitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Makes sure the daily partition of {@code reading} exists before anything is written to it: ahead of time for
 * the coming days, and on demand for late readings (up to 30 days old). Remembers the days it has seen so that
 * the ingest path asks PostgreSQL only about a new day.
 */
@ApplicationScoped
public class JdbcReadingPartitions implements ReadingPartitions {

    /** ensure_reading_partition's names (V1). */
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'reading_'yyyyMMdd");

    private final DataSource dataSource;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    @Inject
    public JdbcReadingPartitions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected JdbcReadingPartitions() {
        this.dataSource = null;
    }

    /** Ensures a partition for each UTC day, asking the database only about days not seen before. */
    public void ensure(Collection<LocalDate> days) {
        Set<LocalDate> missing = days.stream().filter(day -> !known.contains(day)).collect(Collectors.toSet());
        if (missing.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ensure = connection.prepareStatement("SELECT ensure_reading_partition(?)")) {
            connection.setAutoCommit(true);
            for (LocalDate day : missing) {
                ensure.setObject(1, day);
                ensure.execute();
                known.add(day);
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not create a reading partition", e);
        }
    }

    @Override
    public void ensureAhead(LocalDate today, int daysAhead) {
        ensure(Stream.iterate(today, day -> day.plusDays(1)).limit(daysAhead + 1L).toList());
    }

    @Override
    public List<LocalDate> dropBefore(LocalDate firstKept) {
        List<LocalDate> dropped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true); // DETACH ... CONCURRENTLY runs outside a transaction only
            for (LocalDate day : days(statement)) {
                if (day.isBefore(firstKept)) {
                    String name = PARTITION.format(day);
                    statement.execute("ALTER TABLE reading DETACH PARTITION " + name + " CONCURRENTLY");
                    statement.execute("DROP TABLE " + name);
                    known.remove(day);
                    dropped.add(day);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not drop expired reading partitions", e);
        }
        return dropped;
    }

    /** The days of the partitions {@code reading} has, oldest first; other children (none today) are left alone. */
    private static List<LocalDate> days(Statement statement) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'reading'::regclass ORDER BY c.relname
                """)) {
            while (rows.next()) {
                try {
                    days.add(LocalDate.parse(rows.getString(1), PARTITION));
                } catch (DateTimeParseException notADay) {
                    // not one of ours
                }
            }
        }
        return days;
    }

    /** Forgets what it has seen, for when a partition may have been dropped behind its back. */
    void forget() {
        known.clear();
    }
}
