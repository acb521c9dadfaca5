package it.io.petty;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** A test server's {@code messages.log}: Liberty's JSON lines, one event each, read from a point on. */
public final class ServerLog {

    /** The levels of an error as Liberty's JSON names them: an E message is SEVERE, an F one FATAL. */
    public static final Set<String> ERROR_LEVELS = Set.of("SEVERE", "ERROR", "FATAL");
    private static final Path SERVERS = Path.of(System.getProperty("petty.test.wlp.dir")).resolve("usr/servers");
    private static final Path LOG = of("petty");

    private ServerLog() {
    }

    /** The log of another server of the test installation. */
    public static Path of(String server) {
        return SERVERS.resolve(server).resolve("logs/messages.log");
    }

    /** Where the log ends now: what is written later is read from here. */
    public static long size() throws IOException {
        return Files.size(LOG);
    }

    /** What the server wrote from {@code from} on. */
    public static String since(long from) throws IOException {
        return since(LOG, from);
    }

    /** What this log received from {@code from} on. */
    public static String since(Path file, long from) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            byte[] written = new byte[(int) Math.max(0, log.length() - from)];
            log.seek(from);
            log.readFully(written);
            return new String(written, StandardCharsets.UTF_8);
        }
    }

    /** The events of these lines; every line must be one (a JSON log has nothing else). */
    public static List<JsonObject> entries(String lines) {
        return lines.lines().filter(line -> !line.isBlank()).map(line -> {
            try (JsonReader reader = Json.createReader(new StringReader(line))) {
                return reader.readObject();
            } catch (RuntimeException notJson) {
                throw new AssertionError("not a JSON log line: " + line, notJson);
            }
        }).toList();
    }
}
