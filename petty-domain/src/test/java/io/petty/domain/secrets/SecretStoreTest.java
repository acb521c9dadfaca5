package io.petty.domain.secrets;

import io.petty.domain.crypto.Aead;
import io.petty.domain.crypto.CryptoException;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final byte[] VALUE_1 = "first-value-of-the-secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_2 = "second-value-of-the-secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_3 = "third-value-of-the-secret".getBytes(StandardCharsets.US_ASCII);

    private DataSource database;
    private MasterKey masterKey;
    private SecretStore store;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        masterKey = new MasterKey(Aead.newKey());
        store = new SecretStore(database, masterKey, CLOCK);
    }

    @Test
    void currentOrCreateGeneratesOnceAndThenReturnsTheSameValue() {
        AtomicInteger generated = new AtomicInteger();
        Supplier<byte[]> generator = () -> {
            generated.incrementAndGet();
            return VALUE_1.clone();
        };

        assertArrayEquals(VALUE_1, store.currentOrCreate("api-key", generator));
        assertArrayEquals(VALUE_1, store.currentOrCreate("api-key", generator));
        assertEquals(1, generated.get());
        assertEquals(List.of("1:current"), stages());
    }

    @Test
    void anotherStoreOnTheSameDatabaseReadsTheExistingValueInsteadOfGenerating() {
        store.currentOrCreate("api-key", VALUE_1::clone);

        SecretStore restarted = new SecretStore(database, masterKey, CLOCK);

        assertArrayEquals(VALUE_1, restarted.currentOrCreate("api-key", SecretStoreTest::mustNotGenerate));
    }

    @Test
    void changingTheReturnedArrayDoesNotChangeTheSecret() {
        Arrays.fill(store.currentOrCreate("api-key", VALUE_1::clone), (byte) 0);

        assertArrayEquals(VALUE_1, store.currentOrCreate("api-key", SecretStoreTest::mustNotGenerate));
    }

    @Test
    void putMakesANewCurrentVersionAndDemotesTheOlderOnes() {
        store.currentOrCreate("api-key", VALUE_1::clone);

        assertEquals(2, store.put("api-key", VALUE_2));
        assertArrayEquals(VALUE_2, store.currentOrCreate("api-key", SecretStoreTest::mustNotGenerate));
        assertEquals(List.of("1:previous", "2:current"), stages());

        assertEquals(3, store.put("api-key", VALUE_3));
        assertArrayEquals(VALUE_3, store.currentOrCreate("api-key", SecretStoreTest::mustNotGenerate));
        assertEquals(List.of("1:retired", "2:previous", "3:current"), stages());
    }

    @Test
    void putOfANewNameStartsAtVersionOne() {
        assertEquals(1, store.put("api-key", VALUE_1));
        assertArrayEquals(VALUE_1, store.currentOrCreate("api-key", SecretStoreTest::mustNotGenerate));
    }

    @Test
    void secretsOfDifferentNamesAreIndependent() {
        store.currentOrCreate("api-key", VALUE_1::clone);
        store.put("other-key", VALUE_2);

        assertArrayEquals(VALUE_1, store.currentOrCreate("api-key", SecretStoreTest::mustNotGenerate));
        assertEquals(List.of("api-key:1:current", "other-key:1:current"),
                store.list().stream().map(info -> info.name() + ":" + info.version() + ":" + info.stage()).toList());
    }

    @Test
    void aStoreWithAnotherMasterKeyCannotReadTheSecret() {
        store.currentOrCreate("api-key", VALUE_1::clone);

        SecretStore wrongKey = new SecretStore(database, new MasterKey(Aead.newKey()), CLOCK);

        assertThrows(CryptoException.class, () -> wrongKey.currentOrCreate("api-key", SecretStoreTest::mustNotGenerate));
    }

    @Test
    void aSecretCopiedToAnotherNameDoesNotOpen() throws SQLException {
        store.currentOrCreate("api-key", VALUE_1::clone);
        execute("INSERT INTO secret (name, version, stage, wrapped_data_key, ciphertext) "
                + "SELECT 'stolen', version, stage, wrapped_data_key, ciphertext FROM secret WHERE name = 'api-key'");

        assertThrows(CryptoException.class, () -> store.currentOrCreate("stolen", SecretStoreTest::mustNotGenerate));
    }

    @Test
    void theDatabaseHoldsNeitherTheValueNorItsDataKeyInTheClear() throws SQLException {
        store.currentOrCreate("api-key", VALUE_1::clone);

        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT wrapped_data_key, ciphertext FROM secret WHERE name = 'api-key'");
             ResultSet row = query.executeQuery()) {
            row.next();
            byte[] wrappedDataKey = row.getBytes(1);
            byte[] ciphertext = row.getBytes(2);
            assertFalse(contains(ciphertext, VALUE_1));
            assertFalse(contains(wrappedDataKey, VALUE_1));
            assertEquals(12 + VALUE_1.length + 16, ciphertext.length);
            assertEquals(12 + Aead.KEY_BYTES + 16, wrappedDataKey.length);
        }
    }

    @Test
    void listShowsNameVersionStageAndCreationButNeverTheValue() {
        store.currentOrCreate("api-key", VALUE_1::clone);
        store.put("api-key", VALUE_2);

        List<SecretInfo> listed = store.list();

        assertEquals(List.of("name", "version", "stage", "createdAt"),
                Arrays.stream(SecretInfo.class.getRecordComponents()).map(RecordComponent::getName).toList());
        String shown = listed.toString();
        assertFalse(shown.contains(new String(VALUE_1, StandardCharsets.US_ASCII)));
        assertFalse(shown.contains(new String(VALUE_2, StandardCharsets.US_ASCII)));
        assertEquals(2, listed.size());
    }

    private static byte[] mustNotGenerate() {
        throw new AssertionError("the secret exists and must not be generated again");
    }

    private List<String> stages() {
        return store.list().stream().map(info -> info.version() + ":" + info.stage()).toList();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
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
