package io.petty.domain.idempotency.internal;

import io.petty.domain.idempotency.IdempotencyStore;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlUpdates;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;

/** Keys in {@code idempotent_request}; the claim is one atomic insert, so concurrent copies race safely. */
@Dependent
public class JdbcIdempotencyStore implements IdempotencyStore {

    /** Inserts the claim, or retakes one abandoned by a request that never answered; returns a row if claimed. */
    private static final String CLAIM = """
            INSERT INTO idempotent_request AS r (principal, key, request_hash) VALUES (?, ?, ?)
            ON CONFLICT (principal, key) DO UPDATE SET created_at = now(), request_hash = excluded.request_hash
                WHERE r.status IS NULL AND r.created_at < now() - ? * interval '1 second'
            RETURNING 1
            """;

    private final DataSource dataSource;

    @Inject
    public JdbcIdempotencyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Claim claim(String principal, String key, byte[] requestHash) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setString(1, principal);
                claim.setString(2, key);
                claim.setBytes(3, requestHash);
                claim.setLong(4, ABANDONED_AFTER.toSeconds());
                try (ResultSet claimed = claim.executeQuery()) {
                    if (claimed.next()) {
                        return new Claim.Run();
                    }
                }
            }
            try (PreparedStatement earlier = connection.prepareStatement(
                    "SELECT request_hash, status, body FROM idempotent_request WHERE principal = ? AND key = ?")) {
                earlier.setString(1, principal);
                earlier.setString(2, key);
                try (ResultSet row = earlier.executeQuery()) {
                    if (!row.next()) {
                        // Purged between the two statements: as good as new.
                        return claim(principal, key, requestHash);
                    }
                    if (!Arrays.equals(row.getBytes("request_hash"), requestHash)) {
                        return new Claim.Conflict();
                    }
                    int status = row.getInt("status");
                    return row.wasNull() ? new Claim.InProgress() : new Claim.Replay(status, row.getString("body"));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not claim an idempotency key", e);
        }
    }

    @Override
    public void complete(String principal, String key, int status, String body) {
        update("UPDATE idempotent_request SET status = ?, body = ? WHERE principal = ? AND key = ?",
                status, body, principal, key);
    }

    @Override
    public void release(String principal, String key) {
        update("DELETE FROM idempotent_request WHERE principal = ? AND key = ? AND status IS NULL", principal, key);
    }

    @Override
    public int purgeCreatedBefore(Instant cutoff) {
        return update("DELETE FROM idempotent_request WHERE created_at < ?", Timestamp.from(cutoff));
    }

    private int update(String sql, Object... parameters) {
        return SqlUpdates.run(dataSource, "could not update idempotency keys", sql, parameters);
    }
}
