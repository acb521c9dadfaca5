package io.petty.domain.privacy.internal;

import io.petty.domain.platform.DatabaseException;
import io.petty.domain.privacy.ErasureRequest;
import io.petty.domain.privacy.ErasureRequests;
import io.petty.domain.privacy.Progress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code erasure_request}; what went is a JSON object of row counts by table. */
@ApplicationScoped
public class JdbcErasureRequests implements ErasureRequests {

    private final DataSource dataSource;

    @Inject
    public JdbcErasureRequests(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected JdbcErasureRequests() {
        this(null);
    }

    @Override
    public void add(ErasureRequest request) {
        RequestRuns.added(dataSource, "erasure_request", request.id(), request.subjectId(), request.requestedBy(),
                request.reason(), request.requestedAt());
    }

    @Override
    public void started(UUID id, long executionId) {
        RequestRuns.started(dataSource, "erasure_request", id, executionId);
    }

    /**
     * In a transaction of its own, begun here: the job's work holds other connections of this thread, and a write
     * on one of them would wait for the work's commit to be seen.
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progressed(UUID id, Progress progress) {
        RequestRuns.progressed(dataSource, "erasure_request", id, progress);
    }

    @Override
    public Optional<ErasureRequest> find(UUID id) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement("""
                SELECT id, subject_id, requested_by, reason, requested_at, execution_id, removed, completed_at,
                       progress_done, progress_total
                FROM erasure_request WHERE id = ?""")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long execution = row.getLong("execution_id");
                Long executionId = row.wasNull() ? null : execution;
                Timestamp completed = row.getTimestamp("completed_at");
                return Optional.of(new ErasureRequest(row.getObject("id", UUID.class),
                        row.getObject("subject_id", UUID.class), row.getObject("requested_by", UUID.class),
                        row.getString("reason"), row.getTimestamp("requested_at").toInstant(), executionId,
                        removed(row.getString("removed")), completed == null ? null : completed.toInstant(),
                        RequestRuns.progress(row)));
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read an erasure request", e);
        }
    }

    @Override
    public void completed(UUID id, Map<String, Integer> removed, Instant at) {
        JsonObjectBuilder counts = Json.createObjectBuilder();
        removed.forEach(counts::add);
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE erasure_request SET removed = CAST(? AS jsonb), completed_at = ?, subject_id = NULL WHERE id = ?")) {
            update.setString(1, counts.build().toString());
            update.setTimestamp(2, Timestamp.from(at));
            update.setObject(3, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not record an erasure", e);
        }
    }

    private static Map<String, Integer> removed(String json) {
        Map<String, Integer> removed = new LinkedHashMap<>();
        if (json != null) {
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                JsonObject counts = reader.readObject();
                counts.forEach((table, count) -> removed.put(table, ((JsonNumber) count).intValue()));
            }
        }
        return removed;
    }
}
