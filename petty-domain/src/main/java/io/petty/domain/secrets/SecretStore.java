package io.petty.domain.secrets;

import io.petty.domain.crypto.Aead;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.platform.DatabaseException;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Versioned secrets, each version encrypted with its own data key, which the master key wraps.
 * Readers get the current version through a short cache, so a rotation reaches every server within the TTL.
 * Container-free: the server and {@code petty secrets} share it.
 */
public class SecretStore {

    /** How long a server keeps using a secret version before looking again. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private record Cached(int version, byte[] value, Instant fetchedAt) {
    }

    private final DataSource dataSource;
    private final MasterKey masterKey;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretStore(DataSource dataSource, MasterKey masterKey, Clock clock) {
        this.dataSource = dataSource;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    /** The current version of a secret, created from {@code generator} if there is none yet. */
    public byte[] currentOrCreate(String name, Supplier<byte[]> generator) {
        Cached cached = cache.get(name);
        if (cached != null && cached.fetchedAt().plus(CACHE_TTL).isAfter(clock.instant())) {
            return cached.value().clone();
        }
        Optional<Cached> current = readCurrent(name);
        if (current.isEmpty()) {
            insertFirst(name, generator.get());
            current = readCurrent(name);
        }
        Cached fresh = current.orElseThrow();
        cache.put(name, fresh);
        return fresh.value().clone();
    }

    /** Stores a new current version; the old current becomes previous. @return the new version */
    public int put(String name, byte[] value) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))");
                 PreparedStatement next = connection.prepareStatement(
                         "SELECT coalesce(max(version), 0) + 1 FROM secret WHERE name = ?");
                 PreparedStatement demote = connection.prepareStatement(
                         "UPDATE secret SET stage = CASE stage WHEN 'current' THEN 'previous' ELSE 'retired' END "
                                 + "WHERE name = ? AND stage IN ('current', 'previous')")) {
                lock.setString(1, "petty.secret." + name);
                lock.execute();
                next.setString(1, name);
                int version;
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    version = row.getInt(1);
                }
                demote.setString(1, name);
                demote.executeUpdate();
                insert(connection, name, version, value);
                connection.commit();
                cache.remove(name);
                return version;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not store secret " + name, e);
        }
    }

    public List<SecretInfo> list() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT name, version, stage, created_at FROM secret ORDER BY name, version");
             ResultSet rows = query.executeQuery()) {
            List<SecretInfo> secrets = new ArrayList<>();
            while (rows.next()) {
                secrets.add(new SecretInfo(rows.getString(1), rows.getInt(2), rows.getString(3),
                        rows.getTimestamp(4).toInstant()));
            }
            return secrets;
        } catch (SQLException e) {
            throw new DatabaseException("could not list secrets", e);
        }
    }

    private void insertFirst(String name, byte[] value) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            insert(connection, name, 1, value);
        } catch (SQLException e) {
            // Another server created version 1 at the same moment; its value is the one to use.
            if (!"23505".equals(e.getSQLState())) {
                throw new DatabaseException("could not create secret " + name, e);
            }
        }
    }

    private void insert(Connection connection, String name, int version, byte[] value) throws SQLException {
        byte[] dataKey = Aead.newKey();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO secret (name, version, stage, wrapped_data_key, ciphertext) VALUES (?, ?, 'current', ?, ?)")) {
            insert.setString(1, name);
            insert.setInt(2, version);
            insert.setBytes(3, masterKey.wrap(dataKey, context(name, version)));
            insert.setBytes(4, Aead.seal(dataKey, value, context(name, version).getBytes(StandardCharsets.UTF_8)));
            insert.executeUpdate();
        }
    }

    private Optional<Cached> readCurrent(String name) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT version, wrapped_data_key, ciphertext FROM secret WHERE name = ? AND stage = 'current'")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                int version = row.getInt(1);
                byte[] dataKey = masterKey.unwrap(row.getBytes(2), context(name, version));
                byte[] value = Aead.open(dataKey, row.getBytes(3), context(name, version).getBytes(StandardCharsets.UTF_8));
                return Optional.of(new Cached(version, value, clock.instant()));
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read secret " + name, e);
        }
    }

    private static String context(String name, int version) {
        return "petty-secret:" + name + ":" + version;
    }
}
