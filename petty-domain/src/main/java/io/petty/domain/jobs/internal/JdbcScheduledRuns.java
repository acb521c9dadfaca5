package io.petty.domain.jobs.internal;

import io.petty.domain.jobs.ScheduledRuns;
import io.petty.domain.platform.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/** Claims are rows of {@code scheduled_job_run}: the primary key lets one insert per job and day succeed. */
@ApplicationScoped
public class JdbcScheduledRuns implements ScheduledRuns {

    private static final String CLAIM = """
            INSERT INTO scheduled_job_run (job, day, claimed_by, claimed_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (job, day) DO NOTHING
            """;
    private static final String STARTED = "UPDATE scheduled_job_run SET execution_id = ? WHERE job = ? AND day = ?";
    private static final String RELEASE = """
            DELETE FROM scheduled_job_run WHERE job = ? AND day = ? AND execution_id IS NULL
            """;

    private final DataSource dataSource;

    @Inject
    public JdbcScheduledRuns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected JdbcScheduledRuns() {
        this(null);
    }

    @Override
    public boolean claim(String job, LocalDate day, String server, Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, job);
            claim.setObject(2, day);
            claim.setString(3, server);
            claim.setTimestamp(4, Timestamp.from(at));
            return claim.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseException("could not claim the " + job + " run of " + day, e);
        }
    }

    @Override
    public void started(String job, LocalDate day, long executionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement started = connection.prepareStatement(STARTED)) {
            started.setLong(1, executionId);
            started.setString(2, job);
            started.setObject(3, day);
            started.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not record the " + job + " run of " + day, e);
        }
    }

    @Override
    public void release(String job, LocalDate day) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setString(1, job);
            release.setObject(2, day);
            release.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not release the " + job + " run of " + day, e);
        }
    }
}
