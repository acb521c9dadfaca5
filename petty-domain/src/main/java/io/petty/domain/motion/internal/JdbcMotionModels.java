package io.petty.domain.motion.internal;

import io.petty.domain.motion.MotionModel;
import io.petty.domain.motion.MotionModels;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlUpdates;
import io.petty.domain.telemetry.MotionWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** {@link MotionModels} in PostgreSQL (V17). */
@ApplicationScoped
public class JdbcMotionModels implements MotionModels {

    private static final String STORE = """
            INSERT INTO motion_model (version, created_at, stored_at, stored_by, labels, manifest, artifact)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (version) DO NOTHING
            """;
    private static final String LIST = """
            SELECT m.version, m.created_at, m.stored_at, m.stored_by, m.labels, m.manifest -> 'metrics',
                   a.activated_at,
                   (SELECT sum(c.predictions) FROM motion_model_confidence c WHERE c.version = m.version),
                   (SELECT sum(c.predictions * c.rolling_average) / nullif(sum(c.predictions), 0)
                    FROM motion_model_confidence c WHERE c.version = m.version),
                   (SELECT o.opened_detail FROM operator_alert o
                    WHERE o.kind = ? AND o.subject = m.version AND o.resolved_at IS NULL)
            FROM motion_model m LEFT JOIN motion_model_activation a ON a.version = m.version
            ORDER BY m.stored_at DESC, m.version
            """;
    private static final String ACTIVATE = """
            INSERT INTO motion_model_activation (version, activated_at, activated_by)
            SELECT version, ?, ? FROM motion_model WHERE version = ?
            ON CONFLICT (only_row) DO UPDATE SET version = excluded.version, activated_at = excluded.activated_at,
                                                 activated_by = excluded.activated_by
            """;
    private static final String CONFIDENCE = """
            INSERT INTO motion_model_confidence (version, server, predictions, rolling_average, updated_at)
            SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM motion_model WHERE version = ?)
            ON CONFLICT (version, server) DO UPDATE SET predictions = excluded.predictions,
                rolling_average = excluded.rolling_average, updated_at = excluded.updated_at
            """;

    /** The motion events owners corrected, with the windows of the readings in them. */
    private static final String CORRECTIONS = """
            SELECT e.pet_id, e.corrected_behavior, r.ts, r.motion_hz, r.motion_samples, r.motion_accel, r.motion_gyro
            FROM behavior_event e
            JOIN reading r ON r.collar_id = e.collar_id AND r.ts BETWEEN e.started_at AND e.ended_at
            WHERE e.detector = ? AND e.owner_verdict = 'incorrect' AND e.corrected_behavior IS NOT NULL
              AND r.motion_accel IS NOT NULL
            ORDER BY e.pet_id, r.ts
            """;

    private final DataSource dataSource;

    @Inject
    public JdbcMotionModels(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected JdbcMotionModels() {
        this.dataSource = null;
    }

    @Override
    public boolean store(MotionModel model, String by, Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(STORE)) {
            insert.setString(1, model.version());
            insert.setObject(2, utc(Instant.parse(model.manifest().getString("created_at"))));
            insert.setObject(3, utc(at));
            insert.setString(4, by);
            insert.setArray(5, connection.createArrayOf("text", model.labels().toArray()));
            insert.setString(6, model.manifest().toString());
            insert.setBytes(7, model.toArtifact());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseException("could not store a motion model", e);
        }
    }

    @Override
    public List<Stored> list() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LIST)) {
            query.setString(1, CONFIDENCE_ALERT);
            List<Stored> models = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Array labels = row.getArray(5);
                    String metrics = row.getString(6);
                    Timestamp activated = row.getTimestamp(7);
                    long predictions = row.getLong(8);
                    models.add(new Stored(row.getString(1), row.getTimestamp(2).toInstant(),
                            row.getTimestamp(3).toInstant(), row.getString(4),
                            Arrays.asList((String[]) labels.getArray()), metrics == null
                                    ? JsonObject.EMPTY_JSON_OBJECT : json(metrics), activated != null,
                            activated == null ? null : activated.toInstant(),
                            predictions == 0 ? null : new Confidence(predictions, row.getDouble(9)),
                            row.getString(10)));
                }
            }
            return models;
        } catch (SQLException e) {
            throw new DatabaseException("could not list the motion models", e);
        }
    }

    @Override
    public void activate(String version, String by, Instant at) {
        if (SqlUpdates.run(dataSource, "could not activate a motion model", ACTIVATE, utc(at), by, version) == 0) {
            throw new NoSuchElementException("no motion model " + version + " is stored");
        }
    }

    @Override
    public Optional<String> activeVersion() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT version FROM motion_model_activation");
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new DatabaseException("could not read the active motion model", e);
        }
    }

    @Override
    public Optional<MotionModel> active() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT m.artifact FROM motion_model m JOIN motion_model_activation a ON a.version = m.version
                     """);
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(MotionModel.fromArtifact(row.getBytes(1))) : Optional.empty();
        } catch (SQLException e) {
            throw new DatabaseException("could not read the active motion model", e);
        }
    }

    @Override
    public void corrections(Consumer<CorrectedWindow> each) {
        try (Connection connection = dataSource.getConnection()) {
            // Outside auto-commit the driver streams the rows a thousand at a time.
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement(CORRECTIONS)) {
                query.setFetchSize(1_000);
                query.setString(1, DETECTOR);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        byte[] gyro = row.getBytes(7);
                        each.accept(new CorrectedWindow(row.getObject(1, UUID.class), row.getTimestamp(3).toInstant(),
                                new MotionWindow(row.getInt(4), row.getInt(5), MotionWindow.unpack(row.getBytes(6)),
                                        gyro == null ? null : MotionWindow.unpack(gyro)), row.getString(2)));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read the corrected motion events", e);
        }
    }

    @Override
    public void recordConfidence(String version, String server, Confidence confidence, Instant at) {
        SqlUpdates.run(dataSource, "could not record a model's confidence", CONFIDENCE, version, server,
                confidence.predictions(), confidence.average(), utc(at), version);
    }

    @Override
    public boolean openConfidenceAlert(String version, String detail, Instant at) {
        return SqlUpdates.run(dataSource, "could not open an operator alert", """
                INSERT INTO operator_alert (kind, subject, opened_at, opened_detail) VALUES (?, ?, ?, ?)
                ON CONFLICT (kind, subject) WHERE resolved_at IS NULL DO NOTHING
                """, CONFIDENCE_ALERT, version, utc(at), detail) == 1;
    }

    @Override
    public boolean resolveConfidenceAlert(String version, String detail, Instant at) {
        return SqlUpdates.run(dataSource, "could not resolve an operator alert", """
                UPDATE operator_alert SET resolved_at = ?, resolved_detail = ?
                WHERE kind = ? AND subject = ? AND resolved_at IS NULL
                """, utc(at), detail, CONFIDENCE_ALERT, version) == 1;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
