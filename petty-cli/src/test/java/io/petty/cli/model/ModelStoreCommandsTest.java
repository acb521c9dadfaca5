package io.petty.cli.model;

import io.petty.cli.ExitCode;
import io.petty.domain.motion.MotionModel;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.telemetry.MotionWindow;
import io.petty.domain.testing.TestMotionModels;
import io.petty.domain.testing.TestPostgres;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code petty model import|activate|list|feedback-export} against a real PostgreSQL, as an operator runs them. */
class ModelStoreCommandsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

    @TempDir
    Path dir;
    private String url;
    private PGSimpleDataSource database;

    @BeforeEach
    void migratedDatabase() {
        url = TestPostgres.freshDatabaseUrl();
        database = new PGSimpleDataSource();
        database.setUrl(url);
        database.setUser(TestPostgres.USER);
        new SchemaMigrations(database).migrate();
    }

    private ModelCommandTest.Run petty(String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.addAll(List.of("--db-url", url, "--db-user", TestPostgres.USER));
        return ModelCommandTest.petty(full.toArray(String[]::new));
    }

    private Path artifact(MotionModel model) throws IOException {
        return Files.write(dir.resolve(model.version() + ".zip"), model.toArtifact());
    }

    @Test
    void anOperatorStoresActivatesAndListsModelsAndEachStepIsAudited() throws Exception {
        MotionModel older = TestMotionModels.tiny(T0);
        MotionModel newer = TestMotionModels.tiny(T0.plusSeconds(3_600));
        String[] security = {"--data-dir", dir.toString(), "--profile", "development"};

        ModelCommandTest.Run stored = petty(concat(new String[] {"model", "import", artifact(older).toString(),
                "--activate"}, security));
        assertEquals(ExitCode.OK, stored.exitCode(), stored.err());
        assertEquals("Model " + older.version() + " stored.\nModel " + older.version()
                + " activated: every server serves it within seconds.\n", stored.out());
        assertEquals("Model " + older.version() + " was stored already.\n",
                petty(concat(new String[] {"model", "import", artifact(older).toString()}, security)).out());
        assertEquals(ExitCode.OK, petty(concat(new String[] {"model", "import", artifact(newer).toString()},
                security)).exitCode());

        ModelCommandTest.Run table = petty("model", "list");
        String[] lines = table.out().split("\n");
        assertTrue(lines[0].contains("VERSION") && lines[0].contains("CONFIDENCE"), table.out());
        assertTrue(lines[1].contains(newer.version()) && !lines[1].startsWith("*"), table.out());
        assertTrue(lines[2].startsWith("*") && lines[2].contains(older.version()), table.out());
        assertTrue(lines[2].contains("1.000") && lines[2].endsWith("bouncing,resting"), table.out());

        ModelCommandTest.Run unknown = petty(concat(new String[] {"model", "activate", "m20200101-0000000000"},
                security));
        assertEquals(ExitCode.CHECK_FAILED, unknown.exitCode());
        assertEquals("petty: no motion model m20200101-0000000000 is stored; 'petty model list' shows those that "
                + "are\n", unknown.err());
        assertEquals(ExitCode.OK, petty(concat(new String[] {"model", "activate", newer.version()}, security))
                .exitCode());
        JsonObject listed = petty("model", "list", "--output", "json").json().getJsonArray("models")
                .getJsonObject(0);
        assertEquals(newer.version(), listed.getString("version"));
        assertTrue(listed.getBoolean("active"));
        assertEquals("cli:" + System.getProperty("user.name"), listed.getString("stored_by"));
        assertEquals("model.activated,model.activated,model.stored,model.stored", query(
                "SELECT string_agg(type, ',' ORDER BY type) FROM audit_event WHERE type LIKE 'model.%'"));

        Files.write(dir.resolve("broken.zip"), new byte[] {1, 2, 3});
        ModelCommandTest.Run broken = petty(concat(new String[] {"model", "import",
                dir.resolve("broken.zip").toString()}, security));
        assertEquals(ExitCode.USAGE, broken.exitCode());
        assertTrue(broken.err().contains("not a motion model artifact"), broken.err());
    }

    @Test
    void ownersCorrectionsOfMotionEventsBecomeLabeledTrainingData() throws Exception {
        UUID pet = UUID.randomUUID();
        Random random = new Random(4);
        execute("INSERT INTO account (id, role) VALUES ('" + UUID.randomUUID() + "', 'owner')");
        String owner = query("SELECT id::text FROM account");
        execute("INSERT INTO pet (id, owner_id, name, species) VALUES ('" + pet + "', '" + owner + "', 'Rex', 'dog')");
        execute("SELECT ensure_reading_partition(DATE '2026-12-06')");
        for (int i = 0; i < 3; i++) {
            reading("SN-1", T0.plusSeconds(i), TestMotionModels.window("bouncing", 50, random));
        }
        reading("SN-1", T0.plusSeconds(60), TestMotionModels.window("bouncing", 50, random));
        event(pet, "motion", T0, T0.plusSeconds(2), "incorrect", "resting");
        event(pet, "motion", T0.plusSeconds(60), T0.plusSeconds(60), "correct", null);
        event(pet, "activity-sessions", T0, T0.plusSeconds(2), "incorrect", "Rest");

        Path csv = dir.resolve("corrections.csv");
        ModelCommandTest.Run run = petty("model", "feedback-export", "--out", csv.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("3 corrected windows.\n", run.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("subject,t,ax,ay,az,gx,gy,gz,label", rows.get(0));
        assertEquals(1 + 3 * 50, rows.size());
        String pseudonym = ModelStoreCommands.FeedbackExport.pseudonym(pet);
        assertTrue(rows.stream().skip(1).allMatch(row -> row.startsWith(pseudonym + ",") && row.endsWith(",resting")));
        assertFalse(Files.readString(csv).contains(pet.toString()), "the pet is not named");
        assertTrue(rows.get(50).startsWith(pseudonym + "," + T0.getEpochSecond() + ".0000,"), rows.get(50));

        LabeledCsv.Data read = LabeledCsv.read(csv, null);
        assertEquals(List.of("resting"), read.labels());
        assertEquals(3, read.recordings().size(), "overlapping windows are recordings of their own");
        assertEquals(25, read.recordings().get(0).hz());
    }

    private void reading(String collar, Instant at, MotionWindow motion) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO reading (collar_id, ts, heart_rate, activity_level, motion_hz, motion_samples, "
                        + "motion_accel, motion_gyro) VALUES (?, ?, 80, 1, ?, ?, ?, ?)")) {
            insert.setString(1, collar);
            insert.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.setInt(3, motion.hz());
            insert.setInt(4, motion.samples());
            insert.setBytes(5, MotionWindow.pack(motion.accel()));
            insert.setBytes(6, MotionWindow.pack(motion.gyro()));
            insert.executeUpdate();
        }
    }

    private void event(UUID pet, String detector, Instant start, Instant end, String verdict, String corrected)
            throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO behavior_event (id, pet_id, collar_id, kind, behavior, started_at, ended_at, confidence, "
                        + "detector, detector_version, evidence, open, owner_verdict, corrected_behavior) "
                        + "VALUES (?, ?, 'SN-1', 'behavior', 'bouncing', ?, ?, 0.8, ?, 'v1', '{}', false, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, pet);
            insert.setObject(3, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            insert.setObject(4, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
            insert.setString(5, detector);
            insert.setString(6, verdict);
            insert.setString(7, corrected);
            insert.executeUpdate();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] both = new String[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
