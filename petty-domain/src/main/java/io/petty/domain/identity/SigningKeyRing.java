package io.petty.domain.identity;

import io.petty.domain.crypto.Aead;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.platform.SqlTransactions;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The RSA keys that sign access tokens, kept in PostgreSQL with their private halves envelope-encrypted.
 * One key is active (signs); retiring keys still verify until every token they signed has expired; retired
 * keys verify nothing. Every server holds the ring in memory and reloads it when told the table changed.
 * Container-free: the server and {@code petty rotate-keys} share it.
 */
public class SigningKeyRing {

    public static final int RSA_BITS = 2048;

    /** A key as the verifiers see it. */
    public record PublicKey(String kid, KeyStatus status, RSAPublicKey key) {
    }

    /** The key that signs now, and since when. */
    public record ActiveKey(String kid, RSAPrivateKey privateKey, Instant activatedAt) {
    }

    public enum KeyStatus {
        PENDING, ACTIVE, RETIRING, RETIRED;

        /** Whether tokens signed by a key in this state are accepted. */
        public boolean verifies() {
            return this == ACTIVE || this == RETIRING;
        }
    }

    private record Ring(Map<String, PublicKey> byKid, ActiveKey active) {
    }

    private final DataSource dataSource;
    private final MasterKey masterKey;
    private final Clock clock;
    private volatile Ring ring;

    public SigningKeyRing(DataSource dataSource, MasterKey masterKey, Clock clock) {
        this.dataSource = dataSource;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    /** The signing key, creating the first one if the deployment has none. */
    public ActiveKey active() {
        Ring current = ring();
        if (current.active() == null) {
            ensureActive();
            current = load();
        }
        return current.active();
    }

    /** Active and retiring keys: what {@code /.well-known/jwks.json} publishes and verifiers accept. */
    public List<PublicKey> verifying() {
        return ring().byKid().values().stream()
                .filter(key -> key.status().verifies())
                .toList();
    }

    public Optional<KeyStatus> status(String kid) {
        return Optional.ofNullable(ring().byKid().get(kid)).map(PublicKey::status);
    }

    /**
     * Adds a key and activates it; the previous active key turns retiring and retires once the longest
     * token it may have signed has expired. @return the new key's id
     */
    public String rotate(Duration longestTokenLifetime) {
        String kid = inTransaction(connection -> {
            lock(connection);
            String created = insertPending(connection);
            try (PreparedStatement retire = connection.prepareStatement(
                    "UPDATE signing_key SET status = 'retiring', retire_after = ? WHERE status = 'active'");
                 PreparedStatement activate = connection.prepareStatement(
                         "UPDATE signing_key SET status = 'active', activated_at = now() WHERE kid = ?")) {
                retire.setTimestamp(1, Timestamp.from(clock.instant().plus(longestTokenLifetime)));
                retire.executeUpdate();
                activate.setString(1, created);
                activate.executeUpdate();
            }
            return created;
        });
        retireDue();
        return kid;
    }

    /** Retires the retiring keys whose tokens have all expired. @return how many */
    public int retireDue() {
        int retired = inTransaction(connection -> {
            try (PreparedStatement retire = connection.prepareStatement(
                    "UPDATE signing_key SET status = 'retired', retired_at = now() "
                            + "WHERE status = 'retiring' AND retire_after <= ?")) {
                retire.setTimestamp(1, Timestamp.from(clock.instant()));
                return retire.executeUpdate();
            }
        });
        load();
        return retired;
    }

    /** Since when the signing key this server holds has signed, as last read; empty before the first read. */
    public Optional<Instant> activeSince() {
        Ring current = ring;
        return current == null || current.active() == null ? Optional.empty()
                : Optional.of(current.active().activatedAt());
    }

    /** Reads the ring again; called when another instance changed it. */
    public void reload() {
        load();
    }

    private Ring load() {
        Ring fresh = inTransaction(this::read);
        ring = fresh;
        return fresh;
    }

    private Ring ring() {
        Ring current = ring;
        return current != null ? current : load();
    }

    private void ensureActive() {
        inTransaction(connection -> {
            lock(connection);
            try (PreparedStatement any = connection.prepareStatement("SELECT 1 FROM signing_key WHERE status = 'active'");
                 ResultSet row = any.executeQuery()) {
                if (row.next()) {
                    return null;
                }
            }
            String kid = insertPending(connection);
            try (PreparedStatement activate = connection.prepareStatement(
                    "UPDATE signing_key SET status = 'active', activated_at = now() WHERE kid = ?")) {
                activate.setString(1, kid);
                activate.executeUpdate();
            }
            return kid;
        });
    }

    private String insertPending(Connection connection) throws SQLException {
        KeyPair pair = generate();
        String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(Aead.randomBytes(16));
        byte[] dataKey = Aead.newKey();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO signing_key (kid, status, public_key, wrapped_data_key, private_key_ciphertext)
                VALUES (?, 'pending', ?, ?, ?)""")) {
            insert.setString(1, kid);
            insert.setBytes(2, pair.getPublic().getEncoded());
            insert.setBytes(3, masterKey.wrap(dataKey, context(kid)));
            insert.setBytes(4, Aead.seal(dataKey, pair.getPrivate().getEncoded(), context(kid).getBytes(StandardCharsets.UTF_8)));
            insert.executeUpdate();
        }
        return kid;
    }

    private Ring read(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT kid, status, public_key, wrapped_data_key, private_key_ciphertext, activated_at FROM signing_key");
             ResultSet rows = query.executeQuery()) {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            List<PublicKey> keys = new ArrayList<>();
            ActiveKey active = null;
            while (rows.next()) {
                String kid = rows.getString(1);
                KeyStatus status = KeyStatus.valueOf(rows.getString(2).toUpperCase(Locale.ROOT));
                keys.add(new PublicKey(kid, status,
                        (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(rows.getBytes(3)))));
                if (status == KeyStatus.ACTIVE) {
                    byte[] dataKey = masterKey.unwrap(rows.getBytes(4), context(kid));
                    byte[] pkcs8 = Aead.open(dataKey, rows.getBytes(5), context(kid).getBytes(StandardCharsets.UTF_8));
                    active = new ActiveKey(kid, (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                            rows.getTimestamp(6).toInstant());
                }
            }
            return new Ring(keys.stream().collect(Collectors.toUnmodifiableMap(PublicKey::kid, Function.identity())),
                    active);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored signing key cannot be decoded", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtext('petty.signing-keys'))")) {
            lock.execute();
        }
    }

    private static String context(String kid) {
        return "petty-signing-key:" + kid;
    }

    private <T> T inTransaction(SqlTransactions.Work<T> work) {
        return SqlTransactions.run(dataSource, "could not update the signing keys", work);
    }
}
