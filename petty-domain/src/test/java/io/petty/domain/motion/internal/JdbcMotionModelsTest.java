package io.petty.domain.motion.internal;

import io.petty.domain.motion.ActiveMotionModel;
import io.petty.domain.motion.ConfidenceMonitor;
import io.petty.domain.motion.MotionModel;
import io.petty.domain.motion.MotionModels;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestMotionModels;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model versions, activation and the confidence monitor's alerts on a real PostgreSQL. */
class JdbcMotionModelsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private DataSource database;
    private MotionModels models;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        models = MotionModels.using(database);
    }

    @Test
    void versionsAreStoredOnceListedNewestFirstAndOneIsActive() {
        MotionModel first = TestMotionModels.tiny(NOW.minusSeconds(86_400));
        MotionModel second = TestMotionModels.tiny(NOW);
        assertTrue(models.store(first, "ops", NOW.minusSeconds(60)));
        assertFalse(models.store(first, "ops", NOW), "the same version again changes nothing");
        assertTrue(models.store(second, "ops", NOW));
        assertTrue(models.active().isEmpty());
        models.activate(first.version(), "ops", NOW);
        assertEquals(first.version(), models.activeVersion().orElseThrow());
        models.activate(second.version(), "ops", NOW.plusSeconds(1));
        MotionModel active = models.active().orElseThrow();
        assertEquals(second.version(), active.version());
        assertArrayEquals(second.toArtifact(), active.toArtifact(), "the artifact comes back byte for byte");
        List<MotionModels.Stored> listed = models.list();
        assertEquals(List.of(second.version(), first.version()), listed.stream().map(MotionModels.Stored::version)
                .toList());
        assertTrue(listed.get(0).active() && !listed.get(1).active());
        assertEquals(TestMotionModels.LABELS, listed.get(0).labels());
        assertEquals(1, listed.get(0).metrics().getInt("accuracy"));
        assertThrows(NoSuchElementException.class, () -> models.activate("m20200101-0000000000", "ops", NOW));
        assertEquals(second.version(), models.activeVersion().orElseThrow(), "an unknown version changes nothing");
    }

    @Test
    void activatingAnnouncesItOnTheSecurityChannel() throws Exception {
        MotionModel model = TestMotionModels.tiny(NOW);
        models.store(model, "ops", NOW);
        try (Connection listener = database.getConnection(); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN petty_security");
            models.activate(model.version(), "ops", NOW);
            try (ResultSet ignored = listen.executeQuery("SELECT 1")) {
                org.postgresql.PGNotification[] notifications = listener.unwrap(org.postgresql.PGConnection.class)
                        .getNotifications(2_000);
                assertEquals("motion_model_activation", notifications[0].getParameter());
            }
        }
    }

    @Test
    void aDropInConfidenceOpensOneOperatorAlertAndARecoveryResolvesIt() {
        MotionModel model = TestMotionModels.tiny(NOW);
        models.store(model, "ops", NOW);
        ConfidenceMonitor monitor = new ConfidenceMonitor();
        for (int i = 0; i < 150; i++) {
            monitor.served(model.version(), 0.5);
        }
        monitor.report(models, "server-a", NOW);
        assertNull(models.list().get(0).alert(), "150 predictions are too few to say");
        assertEquals(150, models.list().get(0).confidence().predictions());
        for (int i = 0; i < 100; i++) {
            monitor.served(model.version(), 0.6);
        }
        monitor.report(models, "server-a", NOW);
        monitor.report(models, "server-a", NOW.plusSeconds(10));
        MotionModels.Stored low = models.list().get(0);
        assertEquals(0.54, low.confidence().average(), 1e-9);
        assertTrue(low.alert().startsWith("average confidence 0.540 over the latest 250 predictions"), low.alert());
        assertEquals(1, count("SELECT count(*) FROM operator_alert"), "one alert, however often it is reported");
        for (int i = 0; i < 1_000; i++) {
            monitor.served(model.version(), 0.9);
        }
        monitor.report(models, "server-a", NOW.plusSeconds(20));
        MotionModels.Stored recovered = models.list().get(0);
        assertNull(recovered.alert());
        assertEquals(0.9, recovered.confidence().average(), 1e-9, "only the latest 1,000 count");
        assertEquals(1, count("SELECT count(*) FROM operator_alert WHERE resolved_at IS NOT NULL"));
    }

    @Test
    void theBundledModelIsAModelOfTheSharedDogData() {
        MotionModel bundled = ActiveMotionModel.bundled();
        assertEquals(List.of("climbing", "lying", "running", "sitting", "walking"), bundled.labels());
        assertEquals("random-forest", bundled.manifest().getJsonObject("model").getString("family"));
        assertTrue(bundled.metrics().getJsonNumber("accuracy").doubleValue() >= 0.92, bundled.metrics().toString());
    }

    private long count(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
