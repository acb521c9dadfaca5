package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated fleet of each server, kept between runs so that a second run logs the same owners in and
 * exchanges the same collars' secrets instead of registering them again, and starts each collar's clock where
 * the collar left off. It holds passwords and device secrets of test accounts, so it is readable by its owner
 * only (0600), and is replaced whole so that a crash never leaves half a file.
 */
public final class FleetFile {

    /**
     * The owners of one server kept apart: the fleet's share collars, each event probe's owner has one of its own.
     * A run without probes keeps the probes for a later run with them, and the fleet's owners never turn into probes.
     */
    public enum Part {
        FLEET("owners"), EVENT_PROBES("event_probes");

        private final String key;

        Part(String key) {
            this.key = key;
        }
    }

    /** An owner account and the collars it paired. */
    public record Owner(String email, String password, List<Collar> collars) {
        public Owner {
            collars = List.copyOf(collars);
        }
    }

    /**
     * A paired collar: its serial, the pet wearing it, and the device secret shown once at pairing.
     *
     * @param pairedAt   when it was paired, by the generator's clock once the server had answered: the server
     *                   refuses the collar's readings stamped before its pairing
     * @param newestSent the newest timestamp it sent in any run, or null when it has sent none
     */
    public record Collar(String collarId, String petId, String secret, Instant pairedAt, Instant newestSent) {
        public Collar {
            Objects.requireNonNull(pairedAt, "pairedAt is required");
        }

        Collar sent(Instant newest) {
            return new Collar(collarId, petId, secret, pairedAt, newest);
        }
    }

    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path path;
    private final Clock clock;

    /** @param clock the pairing time of a collar kept before pairing times were: now */
    public FleetFile(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    public Path path() {
        return path;
    }

    /** @return the owners kept for this server in that part, empty when none are */
    public List<Owner> load(URI server, Part part) {
        JsonArray owners = serverEntry(readAll(), server).getJsonArray(part.key);
        if (owners == null) {
            return List.of();
        }
        // A collar from before pairing times were kept was paired, and sent all it did, before now.
        Instant now = clock.instant();
        return owners.getValuesAs(JsonObject.class).stream()
                .map(owner -> new Owner(owner.getString("email"), owner.getString("password"),
                        owner.getJsonArray("collars").getValuesAs(JsonObject.class).stream()
                                .map(c -> new Collar(c.getString("collar_id"), c.getString("pet_id"),
                                        c.getString("secret"), instant(c, "paired_at", now),
                                        instant(c, "newest_sent", null)))
                                .toList()))
                .toList();
    }

    /** Replaces that part of this server's owners, keeping its other part and every other server's. */
    public synchronized void save(URI server, Part part, List<Owner> owners) {
        Map<String, JsonValue> servers = new LinkedHashMap<>(readAll());
        JsonArrayBuilder ownersJson = Json.createArrayBuilder();
        for (Owner owner : owners) {
            JsonArrayBuilder collars = Json.createArrayBuilder();
            for (Collar c : owner.collars()) {
                JsonObjectBuilder collar = Json.createObjectBuilder().add("collar_id", c.collarId())
                        .add("pet_id", c.petId()).add("secret", c.secret()).add("paired_at", c.pairedAt().toString());
                if (c.newestSent() != null) {
                    collar.add("newest_sent", c.newestSent().toString());
                }
                collars.add(collar);
            }
            ownersJson.add(Json.createObjectBuilder().add("email", owner.email()).add("password", owner.password())
                    .add("collars", collars));
        }
        servers.put(key(server), Json.createObjectBuilder(serverEntry(servers, server)).add(part.key, ownersJson)
                .build());
        JsonObjectBuilder document = Json.createObjectBuilder();
        servers.forEach(document::add);
        write(document.build());
    }

    /** Keeps the newest reading each of these collars sent in a run, for the next run to start after. */
    public synchronized void recordSent(URI server, Map<String, Instant> newestSent) {
        for (Part part : Part.values()) {
            save(server, part, load(server, part).stream().map(owner -> new Owner(owner.email(), owner.password(),
                    owner.collars().stream().map(c -> newestSent.containsKey(c.collarId())
                            ? c.sent(newestSent.get(c.collarId())) : c).toList())).toList());
        }
    }

    private static JsonObject serverEntry(Map<String, JsonValue> servers, URI server) {
        JsonValue entry = servers.get(key(server));
        return entry == null ? JsonValue.EMPTY_JSON_OBJECT : entry.asJsonObject();
    }

    private static Instant instant(JsonObject collar, String field, Instant absent) {
        return collar.containsKey(field) ? Instant.parse(collar.getString(field)) : absent;
    }

    private JsonObject readAll() {
        if (!Files.exists(path)) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8); JsonReader json = Json.createReader(in)) {
            return json.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fleet file " + path, e);
        }
    }

    private void write(JsonObject document) {
        try {
            Path directory = path.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = createOwnerOnly(directory);
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                 JsonWriter json = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
                json.writeObject(document);
            }
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fleet file " + path, e);
        }
    }

    private Path createOwnerOnly(Path directory) throws IOException {
        String name = path.getFileName() + ".tmp";
        try {
            return Files.createTempFile(directory, name, "", OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(directory, name, "");
        }
    }

    /** One entry per server, however its address was typed ({@code http://host:9080/} and {@code ...:9080}). */
    private static String key(URI server) {
        String text = server.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
