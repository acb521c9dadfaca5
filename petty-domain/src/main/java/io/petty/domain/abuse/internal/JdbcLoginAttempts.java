package io.petty.domain.abuse.internal;

import io.petty.domain.abuse.LoginAttempts;
import io.petty.domain.platform.SqlTransactions;
import io.petty.domain.platform.SqlUpdates;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys are locked with transaction-scoped advisory locks on their hashes: every server's attempts on a key queue
 * there, whether or not a row for it exists yet.
 */
@Dependent
public class JdbcLoginAttempts implements LoginAttempts {

    private final DataSource dataSource;

    @Inject
    public JdbcLoginAttempts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Duration> attempt(List<String> keys, Instant since, Instant at,
                                      Function<List<Recent>, Optional<Duration>> decide) {
        return SqlTransactions.run(dataSource, "could not count login attempts", connection -> {
            List<Recent> recent = new ArrayList<>();
            for (String key : keys) {
                lock(connection, key);
                recent.add(recent(connection, key, since));
            }
            Optional<Duration> wait = decide.apply(recent);
            if (wait.isEmpty()) {
                record(connection, keys, at);
            }
            return wait;
        });
    }

    private static void lock(Connection connection, String key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, key);
            lock.executeQuery().close();
        }
    }

    private static Recent recent(Connection connection, String key, Instant since) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(*), min(attempted_at), max(attempted_at) FROM login_attempt
                WHERE throttle_key = ? AND attempted_at > ?""")) {
            select.setString(1, key);
            select.setTimestamp(2, Timestamp.from(since));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                int count = row.getInt(1);
                return count == 0 ? Recent.NONE
                        : new Recent(count, row.getTimestamp(2).toInstant(), row.getTimestamp(3).toInstant());
            }
        }
    }

    private static void record(Connection connection, List<String> keys, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO login_attempt (throttle_key, attempted_at) VALUES (?, ?)")) {
            for (String key : keys) {
                insert.setString(1, key);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public void forget(String key) {
        SqlUpdates.run(dataSource, "could not forget login attempts",
                "DELETE FROM login_attempt WHERE throttle_key = ?", key);
    }

    @Override
    public void forgetLatest(String key) {
        SqlUpdates.run(dataSource, "could not forget a login attempt", """
                DELETE FROM login_attempt WHERE id = (SELECT id FROM login_attempt WHERE throttle_key = ?
                                                      ORDER BY attempted_at DESC, id DESC LIMIT 1)""", key);
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return SqlUpdates.run(dataSource, "could not forget old login attempts",
                "DELETE FROM login_attempt WHERE attempted_at <= ?", cutoff.atOffset(ZoneOffset.UTC));
    }
}
