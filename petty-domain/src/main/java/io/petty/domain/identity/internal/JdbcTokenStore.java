package io.petty.domain.identity.internal;

import io.petty.domain.identity.TokenStore;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlTransactions;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Dependent
public class JdbcTokenStore implements TokenStore {

    private final DataSource dataSource;

    @Inject
    public JdbcTokenStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void saveRefresh(byte[] tokenHash, Grant grant, Instant expiresAt) {
        try (Connection connection = dataSource.getConnection()) {
            insertRefresh(connection, tokenHash, grant, expiresAt);
        } catch (SQLException e) {
            throw new DatabaseException("could not store a refresh token", e);
        }
    }

    @Override
    public Rotation rotate(byte[] presentedHash, byte[] successorHash, Instant successorExpiresAt, Instant now,
                           Instant familyRevocationUntil) {
        return SqlTransactions.run(dataSource, "could not rotate a refresh token", connection ->
                rotate(connection, presentedHash, successorHash, successorExpiresAt, now, familyRevocationUntil));
    }

    private Rotation rotate(Connection connection, byte[] presentedHash, byte[] successorHash,
                            Instant successorExpiresAt, Instant now, Instant familyRevocationUntil) throws SQLException {
        // The family is locked before its token: a logout (which locks the family too) can then never miss a
        // successor that a concurrent refresh is about to commit.
        try (PreparedStatement family = connection.prepareStatement(
                "SELECT family_id FROM refresh_token WHERE token_hash = ?")) {
            family.setBytes(1, presentedHash);
            try (ResultSet row = family.executeQuery()) {
                if (!row.next()) {
                    return new Rotation(Outcome.INVALID, null);
                }
                lockFamily(connection, row.getObject(1, UUID.class));
            }
        }
        Grant grant;
        String state;
        Instant expiresAt;
        try (PreparedStatement find = connection.prepareStatement("""
                SELECT family_id, account_id, groups, scope, state, expires_at FROM refresh_token
                WHERE token_hash = ? FOR UPDATE""")) {
            find.setBytes(1, presentedHash);
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return new Rotation(Outcome.INVALID, null);
                }
                grant = new Grant(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        List.of((String[]) row.getArray(3).getArray()), row.getString(4));
                state = row.getString(5);
                expiresAt = row.getTimestamp(6).toInstant();
            }
        }
        if ("spent".equals(state)) {
            revokeFamily(connection, grant.familyId(), familyRevocationUntil);
            return new Rotation(Outcome.REUSED, grant);
        }
        if (!"active".equals(state) || !expiresAt.isAfter(now)) {
            return new Rotation(Outcome.INVALID, null);
        }
        try (PreparedStatement spend = connection.prepareStatement(
                "UPDATE refresh_token SET state = 'spent' WHERE token_hash = ?")) {
            spend.setBytes(1, presentedHash);
            spend.executeUpdate();
        }
        insertRefresh(connection, successorHash, grant, successorExpiresAt);
        return new Rotation(Outcome.ROTATED, grant);
    }

    @Override
    public void revokeAccessToken(UUID jti, Instant expiresAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement revoke = connection.prepareStatement(
                     "INSERT INTO revoked_token (jti, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            revoke.setObject(1, jti);
            revoke.setTimestamp(2, Timestamp.from(expiresAt));
            revoke.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not revoke an access token", e);
        }
    }

    @Override
    public List<UUID> revokeLogins(UUID accountId, UUID kept, Instant accessTokensValidUntil) {
        return SqlTransactions.run(dataSource, "could not revoke an account's logins", connection -> {
            List<UUID> families = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT DISTINCT family_id FROM refresh_token
                    WHERE account_id = ? AND state = 'active' AND family_id IS DISTINCT FROM ?""")) {
                query.setObject(1, accountId);
                query.setObject(2, kept);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        families.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            for (UUID family : families) {
                revokeFamily(connection, family, accessTokensValidUntil);
            }
            return families;
        });
    }

    @Override
    public void revokeFamily(UUID familyId, Instant accessTokensValidUntil) {
        SqlTransactions.run(dataSource, "could not revoke a login", connection -> {
            revokeFamily(connection, familyId, accessTokensValidUntil);
            return null;
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement purge = connection.prepareStatement("""
                     WITH tokens AS (DELETE FROM refresh_token WHERE expires_at < ? RETURNING 1),
                          revoked AS (DELETE FROM revoked_token WHERE expires_at < ? RETURNING 1),
                          families AS (DELETE FROM revoked_family WHERE expires_at < ? RETURNING 1)
                     SELECT (SELECT count(*) FROM tokens) + (SELECT count(*) FROM revoked) + (SELECT count(*) FROM families)""")) {
            for (int i = 1; i <= 3; i++) {
                purge.setTimestamp(i, Timestamp.from(now));
            }
            try (ResultSet count = purge.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not purge expired tokens", e);
        }
    }

    @Override
    public Optional<byte[]> collarSecretHash(String collarId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT secret_hash FROM collar WHERE id = ? AND pet_id IS NOT NULL AND secret_hash IS NOT NULL")) {
            query.setString(1, collarId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read a collar credential", e);
        }
    }

    private static void lockFamily(Connection connection, UUID familyId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "petty.refresh-family." + familyId);
            lock.execute();
        }
    }

    private static void revokeFamily(Connection connection, UUID familyId, Instant accessTokensValidUntil)
            throws SQLException {
        lockFamily(connection, familyId);
        try (PreparedStatement refresh = connection.prepareStatement(
                "UPDATE refresh_token SET state = 'revoked' WHERE family_id = ? AND state <> 'revoked'");
             PreparedStatement family = connection.prepareStatement("""
                     INSERT INTO revoked_family (family_id, expires_at) VALUES (?, ?)
                     ON CONFLICT (family_id) DO UPDATE SET expires_at = greatest(revoked_family.expires_at, excluded.expires_at)""")) {
            refresh.setObject(1, familyId);
            refresh.executeUpdate();
            family.setObject(1, familyId);
            family.setTimestamp(2, Timestamp.from(accessTokensValidUntil));
            family.executeUpdate();
        }
    }

    private static void insertRefresh(Connection connection, byte[] tokenHash, Grant grant, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO refresh_token (token_hash, family_id, account_id, groups, scope, state, expires_at)
                VALUES (?, ?, ?, ?, ?, 'active', ?)""")) {
            Array groups = connection.createArrayOf("text", grant.groups().toArray());
            insert.setBytes(1, tokenHash);
            insert.setObject(2, grant.familyId());
            insert.setObject(3, grant.accountId());
            insert.setArray(4, groups);
            insert.setString(5, grant.scope());
            insert.setTimestamp(6, Timestamp.from(expiresAt));
            insert.executeUpdate();
        }
    }
}
