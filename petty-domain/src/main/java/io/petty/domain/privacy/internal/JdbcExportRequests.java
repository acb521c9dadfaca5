package io.petty.domain.privacy.internal;

import io.petty.domain.platform.DatabaseException;
import io.petty.domain.privacy.ExportRequest;
import io.petty.domain.privacy.ExportRequests;
import io.petty.domain.privacy.Progress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** {@code export_request}, the archives as large objects ({@code lo_*}: written and read in pieces). */
@ApplicationScoped
public class JdbcExportRequests implements ExportRequests {

    private static final String COLUMNS = """
            id, subject_id, requested_by, reason, requested_at, execution_id, archive_sha256, archive_bytes,
            completed_at, expires_at, progress_done, progress_total""";

    private final DataSource dataSource;

    @Inject
    public JdbcExportRequests(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected JdbcExportRequests() {
        this(null);
    }

    @Override
    public void add(ExportRequest request) {
        RequestRuns.added(dataSource, "export_request", request.id(), request.subjectId(), request.requestedBy(),
                request.reason(), request.requestedAt());
    }

    @Override
    public void started(UUID id, long executionId) {
        RequestRuns.started(dataSource, "export_request", id, executionId);
    }

    /**
     * In a transaction of its own, begun here: the job's work holds other connections of this thread, and a write
     * on one of them would wait for the work's commit to be seen.
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progressed(UUID id, Progress progress) {
        RequestRuns.progressed(dataSource, "export_request", id, progress);
    }

    @Override
    public Optional<ExportRequest> find(UUID id) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM export_request WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(request(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read an export request", e);
        }
    }

    @Override
    public void storeArchive(UUID id, Consumer<OutputStream> writer, Instant completedAt, Instant expiresAt) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                LargeObjectManager objects = connection.unwrap(PGConnection.class).getLargeObjectAPI();
                long oid = objects.createLO(LargeObjectManager.READWRITE);
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long bytes;
                LargeObject object = objects.open(oid, LargeObjectManager.WRITE);
                try (OutputStream stored = object.getOutputStream()) {
                    DigestOutputStream out = new DigestOutputStream(stored, sha256);
                    writer.accept(out);
                    out.flush();
                    bytes = object.tell64();
                }
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE export_request SET archive = ?, archive_sha256 = ?, archive_bytes = ?, completed_at = ?,
                            expires_at = ?
                        WHERE id = ?""")) {
                    update.setLong(1, oid);
                    update.setString(2, HexFormat.of().formatHex(sha256.digest()));
                    update.setLong(3, bytes);
                    update.setTimestamp(4, Timestamp.from(completedAt));
                    update.setTimestamp(5, Timestamp.from(expiresAt));
                    update.setObject(6, id);
                    update.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not store an export archive", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public boolean readArchive(UUID id, OutputStream out) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT archive FROM export_request WHERE id = ? AND archive IS NOT NULL")) {
                query.setObject(1, id);
                long oid;
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        connection.rollback();
                        return false;
                    }
                    oid = row.getLong(1);
                }
                LargeObject object = connection.unwrap(PGConnection.class).getLargeObjectAPI()
                        .open(oid, LargeObjectManager.READ);
                try (InputStream in = object.getInputStream()) {
                    in.transferTo(out);
                }
                connection.commit();
                return true;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read an export archive", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int forgetExpired(Instant now) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement forget = connection.prepareStatement("""
                WITH expired AS (SELECT id, archive FROM export_request
                                 WHERE archive IS NOT NULL AND expires_at <= ? FOR UPDATE),
                     unlinked AS (SELECT lo_unlink(archive) FROM expired),
                     cleared AS (UPDATE export_request e SET archive = NULL FROM expired x WHERE e.id = x.id
                                 RETURNING e.id)
                SELECT (SELECT count(*) FROM cleared) + 0 * (SELECT count(*) FROM unlinked)""")) {
            forget.setTimestamp(1, Timestamp.from(now));
            try (ResultSet row = forget.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not delete expired export archives", e);
        }
    }

    private static ExportRequest request(ResultSet row) throws SQLException {
        long execution = row.getLong("execution_id");
        Long executionId = row.wasNull() ? null : execution;
        long size = row.getLong("archive_bytes");
        Long bytes = row.wasNull() ? null : size;
        return new ExportRequest(row.getObject("id", UUID.class), row.getObject("subject_id", UUID.class),
                row.getObject("requested_by", UUID.class), row.getString("reason"), instant(row, "requested_at"),
                executionId, row.getString("archive_sha256"), bytes, instant(row, "completed_at"),
                instant(row, "expires_at"), RequestRuns.progress(row));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
