package io.petty.domain.identity;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevocationListTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final RevocationList revocations =
            new RevocationList(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(15));

    @Test
    void aRevokedTokenIsRevokedAndOthersAreNot() {
        UUID jti = UUID.randomUUID();

        revocations.revokeToken(jti);

        assertTrue(revocations.isRevoked(jti, null));
        assertTrue(revocations.isRevoked(jti, UUID.randomUUID()));
        assertFalse(revocations.isRevoked(UUID.randomUUID(), null));
    }

    @Test
    void aRevokedFamilyRevokesEveryTokenOfIt() {
        UUID family = UUID.randomUUID();

        revocations.revokeFamily(family);

        assertTrue(revocations.isRevoked(UUID.randomUUID(), family));
        assertFalse(revocations.isRevoked(UUID.randomUUID(), UUID.randomUUID()));
        assertFalse(revocations.isRevoked(UUID.randomUUID(), null));
    }

    @Test
    void reloadKeepsOnlyRevocationsThatHaveNotExpired() throws SQLException {
        DataSource database = migratedDatabase();
        UUID expiredToken = UUID.randomUUID();
        UUID liveToken = UUID.randomUUID();
        UUID expiredFamily = UUID.randomUUID();
        UUID liveFamily = UUID.randomUUID();
        insert(database, "INSERT INTO revoked_token (jti, expires_at) VALUES (?, ?)", expiredToken, NOW.minusSeconds(1));
        insert(database, "INSERT INTO revoked_token (jti, expires_at) VALUES (?, ?)", liveToken, NOW.plusSeconds(60));
        insert(database, "INSERT INTO revoked_family (family_id, expires_at) VALUES (?, ?)", expiredFamily, NOW);
        insert(database, "INSERT INTO revoked_family (family_id, expires_at) VALUES (?, ?)", liveFamily, NOW.plusSeconds(60));

        revocations.reload(database);

        assertTrue(revocations.isRevoked(liveToken, null));
        assertFalse(revocations.isRevoked(expiredToken, null));
        assertTrue(revocations.isRevoked(UUID.randomUUID(), liveFamily));
        assertFalse(revocations.isRevoked(UUID.randomUUID(), expiredFamily));
    }

    @Test
    void reloadKeepsRevocationsLearntByNotificationThatTheSnapshotMissed() {
        UUID jti = UUID.randomUUID();
        UUID family = UUID.randomUUID();
        revocations.revokeToken(jti);
        revocations.revokeFamily(family);

        revocations.reload(migratedDatabase());

        assertTrue(revocations.isRevoked(jti, null));
        assertTrue(revocations.isRevoked(UUID.randomUUID(), family));
    }

    private static DataSource migratedDatabase() {
        DataSource database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        return database;
    }

    private static void insert(DataSource database, String sql, UUID id, Instant expiresAt) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, id);
            insert.setObject(2, expiresAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
