package io.petty.domain.identity;

import io.petty.domain.crypto.Aead;
import io.petty.domain.crypto.CryptoException;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.identity.SigningKeyRing.KeyStatus;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SigningKeyRingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

    private DataSource database;
    private MasterKey masterKey;
    private SigningKeyRing ring;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        masterKey = new MasterKey(Aead.newKey());
        ring = ringAt(NOW);
    }

    @Test
    void activeCreatesExactlyOneActiveKeyOnAnEmptyDatabase() throws SQLException {
        SigningKeyRing.ActiveKey active = ring.active();

        assertEquals(List.of(active.kid() + ":active"), storedKeys());
        assertEquals(Optional.of(KeyStatus.ACTIVE), ring.status(active.kid()));
        assertEquals(SigningKeyRing.RSA_BITS, active.privateKey().getModulus().bitLength());
    }

    @Test
    void activeIsStableAcrossCallsAndRings() throws SQLException {
        SigningKeyRing.ActiveKey first = ring.active();

        assertSame(first, ring.active());
        assertEquals(first.kid(), ringAt(NOW).active().kid());
        assertEquals(1, storedKeys().size());
    }

    @Test
    void rotateActivatesANewKeyAndLeavesThePreviousOneRetiring() throws SQLException {
        String previous = ring.active().kid();

        String rotated = ring.rotate(TOKEN_LIFETIME);

        assertNotEquals(previous, rotated);
        assertEquals(rotated, ring.active().kid());
        assertEquals(Optional.of(KeyStatus.RETIRING), ring.status(previous));
        assertEquals(Optional.of(KeyStatus.ACTIVE), ring.status(rotated));
        assertEquals(NOW.plus(TOKEN_LIFETIME), retireAfter(previous));
        assertEquals(Set.of(previous, rotated), verifyingKids(ring));
    }

    @Test
    void retireDueLeavesAKeyRetiringUntilItsLastTokenHasExpired() {
        String previous = ring.active().kid();
        ring.rotate(TOKEN_LIFETIME);

        SigningKeyRing aSecondEarly = ringAt(NOW.plus(TOKEN_LIFETIME).minusSeconds(1));

        assertEquals(0, aSecondEarly.retireDue());
        assertEquals(Optional.of(KeyStatus.RETIRING), aSecondEarly.status(previous));
    }

    @Test
    void retireDueRetiresAKeyOnceItsLastTokenHasExpired() {
        String previous = ring.active().kid();
        String rotated = ring.rotate(TOKEN_LIFETIME);

        SigningKeyRing later = ringAt(NOW.plus(TOKEN_LIFETIME));

        assertEquals(1, later.retireDue());
        assertEquals(Optional.of(KeyStatus.RETIRED), later.status(previous));
        assertEquals(Set.of(rotated), verifyingKids(later));
        assertEquals(rotated, later.active().kid());
    }

    @Test
    void verifyingHoldsActiveAndRetiringKeysButNotRetiredOnes() {
        String first = ring.active().kid();
        String second = ring.rotate(TOKEN_LIFETIME);
        SigningKeyRing later = ringAt(NOW.plus(Duration.ofHours(1)));
        String third = later.rotate(TOKEN_LIFETIME);

        // Rotating at NOW+1h retired the first key (due at NOW+15m) and left the second retiring.
        assertEquals(Optional.of(KeyStatus.RETIRED), later.status(first));
        assertEquals(Optional.of(KeyStatus.RETIRING), later.status(second));
        assertEquals(Set.of(second, third), verifyingKids(later));
    }

    @Test
    void verifyingPublishesThePublicHalfOfTheActiveKey() {
        SigningKeyRing.ActiveKey active = ring.active();

        SigningKeyRing.PublicKey published = ring.verifying().stream()
                .filter(key -> key.kid().equals(active.kid())).findFirst().orElseThrow();

        assertEquals(KeyStatus.ACTIVE, published.status());
        assertEquals(active.privateKey().getModulus(), published.key().getModulus());
    }

    @Test
    void thePrivateKeyIsStoredEncryptedNotAsPlainPkcs8() throws SQLException {
        SigningKeyRing.ActiveKey active = ring.active();
        byte[] pkcs8 = active.privateKey().getEncoded();

        byte[] stored = storedPrivateKey(active.kid());

        assertFalse(Arrays.equals(pkcs8, stored));
        assertFalse(contains(stored, Arrays.copyOfRange(pkcs8, pkcs8.length - 64, pkcs8.length)));
    }

    @Test
    void aRingWithAnotherMasterKeyCannotLoadTheSigningKey() {
        ring.active();

        SigningKeyRing wrongKey = new SigningKeyRing(database, new MasterKey(Aead.newKey()),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThrows(CryptoException.class, wrongKey::active);
    }

    private SigningKeyRing ringAt(Instant instant) {
        return new SigningKeyRing(database, masterKey, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static Set<String> verifyingKids(SigningKeyRing keys) {
        return keys.verifying().stream().map(SigningKeyRing.PublicKey::kid).collect(Collectors.toSet());
    }

    private List<String> storedKeys() throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT kid, status FROM signing_key ORDER BY kid");
             ResultSet rows = query.executeQuery()) {
            List<String> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(rows.getString(1) + ":" + rows.getString(2));
            }
            return keys;
        }
    }

    private Instant retireAfter(String kid) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT retire_after FROM signing_key WHERE kid = ?")) {
            query.setString(1, kid);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private byte[] storedPrivateKey(String kid) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT private_key_ciphertext FROM signing_key WHERE kid = ?")) {
            query.setString(1, kid);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int start = 0; start + needle.length <= haystack.length; start++) {
            if (Arrays.equals(haystack, start, start + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
