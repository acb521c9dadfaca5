package io.petty.domain.telemetry.internal;

import io.petty.domain.platform.DatabaseException;
import io.petty.domain.telemetry.ReadingPartitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
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

    /** Forgets what it has seen, for when a partition may have been dropped behind its back. */
    void forget() {
        known.clear();
    }
}
