package io.petty.domain.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterKeySourceTest {

    private static final String CONTEXT = "test-context";

    @TempDir
    Path dir;

    private final byte[] fileKey = Aead.newKey();
    private final byte[] valueKey = Aead.newKey();

    @Test
    void readsTheBase64KeyFromTheKeyFile() throws IOException {
        Path file = write("key.b64", base64(fileKey) + "\n");

        MasterKey loaded = new MasterKeySource(Optional.of(file), Optional.empty(), dir, true).load();

        assertSameKey(fileKey, loaded);
    }

    @Test
    void readsTheBase64KeyFromTheEnvironmentValue() {
        MasterKey loaded = new MasterKeySource(Optional.empty(), Optional.of(base64(valueKey)), dir, true).load();

        assertSameKey(valueKey, loaded);
    }

    @Test
    void theKeyFileTakesPrecedenceOverTheValue() throws IOException {
        Path file = write("key.b64", base64(fileKey));

        MasterKey loaded = new MasterKeySource(Optional.of(file), Optional.of(base64(valueKey)), dir, true).load();

        assertSameKey(fileKey, loaded);
    }

    @Test
    void refusesAKeyFileThatIsNotBase64() throws IOException {
        Path file = write("key.b64", "this is not base64!");

        assertThrows(IllegalStateException.class,
                () -> new MasterKeySource(Optional.of(file), Optional.empty(), dir, false).load());
    }

    @Test
    void refusesAValueThatIsNotBase64() {
        MasterKeySource source = new MasterKeySource(Optional.empty(), Optional.of("%%%not-base64%%%"), dir, false);

        assertThrows(IllegalStateException.class, source::load);
    }

    @Test
    void refusesAKeyOfTheWrongLength() throws IOException {
        Path file = write("key.b64", base64(new byte[16]));

        assertThrows(IllegalStateException.class,
                () -> new MasterKeySource(Optional.of(file), Optional.empty(), dir, false).load());
        assertThrows(IllegalStateException.class,
                () -> new MasterKeySource(Optional.empty(), Optional.of(base64(new byte[33])), dir, false).load());
    }

    @Test
    void theErrorForAMalformedKeyDoesNotEchoTheKey() {
        String almostAKey = base64(new byte[31]);
        MasterKeySource source = new MasterKeySource(Optional.empty(), Optional.of(almostAKey), dir, false);

        IllegalStateException refused = assertThrows(IllegalStateException.class, source::load);

        assertFalse(refused.getMessage().contains(almostAKey));
    }

    @Test
    void productionWithoutAKeyRefusesToStart() {
        MasterKeySource source = new MasterKeySource(Optional.empty(), Optional.empty(), dir, true);

        assertThrows(IllegalStateException.class, source::load);
        assertFalse(Files.exists(dir.resolve(MasterKeySource.GENERATED_FILE)));
    }

    @Test
    void productionTreatsABlankValueAsNoKey() {
        MasterKeySource source = new MasterKeySource(Optional.empty(), Optional.of("   "), dir, true);

        assertThrows(IllegalStateException.class, source::load);
    }

    @Test
    void productionIgnoresAGeneratedDevelopmentKey() {
        new MasterKeySource(Optional.empty(), Optional.empty(), dir, false).load();

        MasterKeySource production = new MasterKeySource(Optional.empty(), Optional.empty(), dir, true);

        assertThrows(IllegalStateException.class, production::load);
    }

    @Test
    void developmentWithoutAKeyGeneratesOneReadableOnlyByItsOwner() throws IOException {
        Path dataDir = dir.resolve("data");

        new MasterKeySource(Optional.empty(), Optional.empty(), dataDir, false).load();

        Path generated = dataDir.resolve(MasterKeySource.GENERATED_FILE);
        assertTrue(Files.isRegularFile(generated));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(generated));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(generated).trim()).length);
        assertEquals(List.of(generated), filesIn(dataDir), "no temporary file is left behind");
    }

    @Test
    void developmentLoadsTheSameGeneratedKeyEveryTime() {
        MasterKey first = new MasterKeySource(Optional.empty(), Optional.empty(), dir, false).load();
        byte[] dataKey = Aead.newKey();
        byte[] wrapped = first.wrap(dataKey, CONTEXT);

        MasterKey second = new MasterKeySource(Optional.empty(), Optional.empty(), dir, false).load();

        assertArrayEquals(dataKey, second.unwrap(wrapped, CONTEXT));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    /** MasterKey exposes no bytes: the loaded key is the expected one if it unwraps what the expected one wrapped. */
    private static void assertSameKey(byte[] expected, MasterKey loaded) {
        byte[] dataKey = Aead.newKey();
        byte[] wrapped = new MasterKey(expected).wrap(dataKey, CONTEXT);
        assertArrayEquals(dataKey, loaded.unwrap(wrapped, CONTEXT));
    }

    @Test
    void aMissingKeyFileIsAConfigurationErrorNamingTheFile() {
        Path missing = dir.resolve("no-such.key");
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new MasterKeySource(Optional.of(missing), Optional.empty(), dir, true).load());
        assertTrue(error.getMessage().contains(missing.toString()));
    }
}
