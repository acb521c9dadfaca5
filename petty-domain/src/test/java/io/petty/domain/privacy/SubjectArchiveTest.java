package io.petty.domain.privacy;

import io.petty.domain.crypto.Aead;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.identity.AccountService;
import io.petty.domain.identity.PiiProtector;
import io.petty.domain.secrets.SecretStore;
import io.petty.domain.testing.Archives;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alice's archive holds every exported row of hers and nothing of Bob's, each file as its manifest says. */
class SubjectArchiveTest {

    private static final Path INVENTORY = Path.of("..", "compliance", "data-inventory.json");
    private static final Instant AT = Instant.parse("2026-12-07T15:00:00Z");

    private static DataSource database;
    private static Map<String, byte[]> files;

    private static final List<Progress> progress = new ArrayList<>();

    @BeforeAll
    static void alicesArchive() throws SQLException {
        database = TwoOwners.database();
        PiiProtector pii = new PiiProtector(new SecretStore(database, new MasterKey(Aead.newKey()), Clock.systemUTC()));
        name(pii, TwoOwners.ALICE, "alice@example.org", "Alice Liddell");
        name(pii, TwoOwners.BOB, "bob@example.org", "Bob Builder");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        new SubjectArchive(database, pii).write(TwoOwners.ALICE, AT, zip, progress::add);
        files = Archives.unzip(zip.toByteArray());
    }

    @Test
    void progressCountsTheFilesFromNoneToAll() {
        int files = SubjectArchive.EXPORTED.size() + 1;
        assertEquals(files + 1, progress.size(), progress.toString());
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(new Progress(i, files), progress.get(i));
        }
    }

    @Test
    void everyFileIsInTheManifestWithItsChecksumAndRowCount() throws Exception {
        JsonObject manifest = Archives.json(files.get("manifest.json"));
        assertEquals(TwoOwners.ALICE.toString(), manifest.getString("subject"));
        assertEquals(AT.toString(), manifest.getString("created_at"));
        Set<String> listed = new TreeSet<>(Set.of("manifest.json"));
        for (JsonObject file : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
            String name = file.getString("name");
            listed.add(name);
            assertEquals(file.getString("sha256"), Archives.sha256(files.get(name)), name + "'s checksum");
            assertEquals(file.getJsonNumber("bytes").longValue(), files.get(name).length, name);
            assertEquals(count(file.getString("category")), file.getJsonNumber("rows").longValue(),
                    name + " holds every row of Alice's scope");
        }
        assertEquals(new TreeSet<>(files.keySet()), listed);
        assertEquals(SubjectArchive.EXPORTED.size() + 1, listed.size(), "one file per exported table, and the manifest");
    }

    @Test
    void nothingOfBobsIsInIt() {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            for (String bobs : List.of(TwoOwners.BOB.toString(), TwoOwners.BOBS_PET.toString(), "Rex b",
                    "bob@example.org", "Bob Builder", "2026-12-02T10:00")) {
                assertFalse(text.contains(bobs), file.getKey() + " holds " + bobs);
            }
        }
    }

    @Test
    void theAccountIsReadableAndTheReadingsAreACsvOfHerPetsSpans() {
        String account = new String(files.get("account.json"), StandardCharsets.UTF_8);
        assertTrue(account.contains("\"email\":\"alice@example.org\"") && account.contains("Alice Liddell"), account);
        assertFalse(account.contains("password_hash") || account.contains("email_ciphertext"), account);
        List<String> readings = new String(files.get("readings.csv"), StandardCharsets.UTF_8).lines().toList();
        assertTrue(readings.get(0).startsWith("collar_id,ts,"), readings.get(0));
        assertEquals(List.of("AA-100,2026-12-03T10:00:00Z", "SC-100,2026-12-01T10:00:00Z"),
                readings.subList(1, readings.size()).stream().map(line -> line.substring(0, line.indexOf('Z') + 1))
                        .sorted().toList());
    }

    @Test
    void theExportedTablesAreThoseTheInventoryIncludes() throws IOException {
        Set<String> included = new TreeSet<>();
        JsonObject tables;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(INVENTORY))) {
            tables = reader.readObject().getJsonObject("tables");
        }
        tables.forEach((table, entry) -> {
            if (entry.asJsonObject().getBoolean("personal_data")
                    && entry.asJsonObject().getString("export").startsWith("included")) {
                included.add(table);
            }
        });
        assertEquals(included, new TreeSet<>(SubjectArchive.EXPORTED.keySet()));
        SubjectArchive.EXPORTED.forEach((table, left) -> assertTrue(tables.getJsonObject(table)
                .getJsonObject("columns").keySet().containsAll(left), table + " leaves out columns it has"));
    }

    private static long count(String table) throws SQLException {
        if (table.equals("manifest")) {
            return 1;
        }
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM (" + SubjectScopes.select(table) + ") x")) {
            query.setObject(1, TwoOwners.ALICE);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void name(PiiProtector pii, UUID account, String email, String name) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE account SET email_ciphertext = ?, display_name_ciphertext = ? WHERE id = ?")) {
            update.setBytes(1, pii.seal(email, AccountService.EMAIL_COLUMN));
            update.setBytes(2, pii.seal(name, AccountService.DISPLAY_NAME_COLUMN));
            update.setObject(3, account);
            update.executeUpdate();
        }
    }
}
