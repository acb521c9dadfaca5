package io.petty.domain.identity;

import io.petty.domain.platform.DatabaseException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens and logins revoked before their tokens expire, held in memory so that checking a request
 * costs two hash lookups. Loaded from PostgreSQL at start and after any gap; kept current by notifications.
 */
public class RevocationList {

    private final Map<UUID, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> families = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration longestLifetime;

    public RevocationList(Clock clock, Duration longestLifetime) {
        this.clock = clock;
        this.longestLifetime = longestLifetime;
    }

    public boolean isRevoked(UUID jti, UUID familyId) {
        return tokens.containsKey(jti) || (familyId != null && families.containsKey(familyId));
    }

    /** Learns of one revocation; it is forgotten once no token it covers can still be valid. */
    public void revokeToken(UUID jti) {
        tokens.put(jti, clock.instant().plus(longestLifetime));
    }

    public void revokeFamily(UUID familyId) {
        families.put(familyId, clock.instant().plus(longestLifetime));
    }

    /** Drops what no longer matters: revocations of tokens that have expired anyway. */
    public void forgetExpired() {
        Instant now = clock.instant();
        tokens.values().removeIf(expiry -> !expiry.isAfter(now));
        families.values().removeIf(expiry -> !expiry.isAfter(now));
    }

    /** Replaces what is held with what PostgreSQL holds, dropping what has expired. */
    public void reload(DataSource dataSource) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            replace(connection, "SELECT jti, expires_at FROM revoked_token WHERE expires_at > ?", now, tokens);
            replace(connection, "SELECT family_id, expires_at FROM revoked_family WHERE expires_at > ?", now, families);
        } catch (SQLException e) {
            throw new DatabaseException("could not load revocations", e);
        }
    }

    private static void replace(Connection connection, String sql, Instant now, Map<UUID, Instant> into)
            throws SQLException {
        Map<UUID, Instant> loaded = new ConcurrentHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    loaded.put(rows.getObject(1, UUID.class), rows.getTimestamp(2).toInstant());
                }
            }
        }
        // Entries learnt by notification stay too: the snapshot may have been taken just before they were written.
        into.putAll(loaded);
        into.entrySet().removeIf(entry -> !entry.getValue().isAfter(now));
    }
}
