package io.petty.domain.identity;

import io.petty.domain.crypto.Aead;
import io.petty.domain.crypto.CryptoException;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.secrets.SecretStore;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PiiProtectorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final String EMAIL_COLUMN = "account.email_ciphertext";
    private static final String NAME_COLUMN = "account.display_name_ciphertext";

    private DataSource database;
    private MasterKey masterKey;
    private PiiProtector pii;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        masterKey = new MasterKey(Aead.newKey());
        pii = new PiiProtector(new SecretStore(database, masterKey, CLOCK));
    }

    @Test
    void opensWhatItSealedForTheSameColumn() {
        byte[] sealed = pii.seal("Ana López 🐾", NAME_COLUMN);

        assertEquals("Ana López 🐾", pii.open(sealed, NAME_COLUMN));
    }

    @Test
    void aValueSealedForOneColumnDoesNotOpenAsAnother() {
        byte[] sealed = pii.seal("ana@example.com", EMAIL_COLUMN);

        assertThrows(CryptoException.class, () -> pii.open(sealed, NAME_COLUMN));
    }

    @Test
    void theSealedValueDoesNotContainThePlaintext() {
        byte[] plaintext = "ana.lopez@example.com".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = pii.seal("ana.lopez@example.com", EMAIL_COLUMN);

        assertFalse(contains(sealed, plaintext));
        assertFalse(Arrays.equals(sealed, pii.seal("ana.lopez@example.com", EMAIL_COLUMN)));
    }

    @Test
    void anotherProtectorOnTheSameDatabaseUsesTheSameKeys() {
        byte[] sealed = pii.seal("Ana López", NAME_COLUMN);
        byte[] lookup = pii.emailLookup("ana@example.com");

        PiiProtector restarted = new PiiProtector(new SecretStore(database, masterKey, CLOCK));

        assertEquals("Ana López", restarted.open(sealed, NAME_COLUMN));
        assertArrayEquals(lookup, restarted.emailLookup("ana@example.com"));
    }

    @Test
    void emailLookupIsEqualForEmailsThatNormaliseAlike() {
        assertArrayEquals(pii.emailLookup("ana@example.com"), pii.emailLookup("Ana@Example.com "));
    }

    @Test
    void emailLookupDiffersForDifferentEmails() {
        assertFalse(Arrays.equals(pii.emailLookup("ana@example.com"), pii.emailLookup("ana@example.org")));
    }

    @Test
    void emailLookupIsKeyedSoItIsNotAPlainHashOfTheEmail() throws Exception {
        byte[] plainHash = MessageDigest.getInstance("SHA-256").digest("ana@example.com".getBytes(StandardCharsets.UTF_8));
        DataSource otherDeployment = TestPostgres.freshDatabase();
        new SchemaMigrations(otherDeployment).migrate();
        PiiProtector other = new PiiProtector(new SecretStore(otherDeployment, masterKey, CLOCK));

        byte[] lookup = pii.emailLookup("ana@example.com");

        assertEquals(32, lookup.length);
        assertFalse(Arrays.equals(plainHash, lookup));
        assertFalse(Arrays.equals(lookup, other.emailLookup("ana@example.com")));
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
