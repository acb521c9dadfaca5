package io.petty.domain.audit;

import io.petty.domain.platform.DatabaseException;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * Appends security events, each hashed together with the previous entry's hash, so that changing or removing
 * an entry breaks every link after it; {@link #verify()} finds the first broken one. The table itself refuses
 * UPDATE and DELETE. Container-free: the server records, {@code petty audit verify} checks.
 */
public class AuditLog {

    /** The chain's start: the "previous hash" of the first entry. */
    static final byte[] GENESIS = new byte[32];

    /** The result of a verification: how many entries were checked, and the first that does not chain. */
    public record Verification(long checked, Optional<Long> firstBrokenSeq) {
        public boolean intact() {
            return firstBrokenSeq.isEmpty();
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void record(String type, String actor, String subject, String detail) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext('petty.audit'))");
                 PreparedStatement last = connection.prepareStatement(
                         "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO audit_event (seq, at, type, actor, subject, detail, prev_hash, hash)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                lock.execute();
                long seq = 1;
                byte[] prev = GENESIS;
                try (ResultSet row = last.executeQuery()) {
                    if (row.next()) {
                        seq = row.getLong(1) + 1;
                        prev = row.getBytes(2);
                    }
                }
                insert.setLong(1, seq);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setString(3, type);
                insert.setString(4, actor);
                insert.setString(5, subject);
                insert.setString(6, detail);
                insert.setBytes(7, prev);
                insert.setBytes(8, hash(prev, seq, at, type, actor, subject, detail));
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not append to the audit log", e);
        }
    }

    /** Recomputes the chain from the first entry. */
    public Verification verify() {
        try (Connection connection = dataSource.getConnection()) {
            // A cursor (autocommit off, fetch size) keeps memory flat however long the log grows.
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT seq, at, type, actor, subject, detail, prev_hash, hash FROM audit_event ORDER BY seq")) {
                query.setFetchSize(1000);
                try (ResultSet rows = query.executeQuery()) {
                    return verify(rows);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read the audit log", e);
        }
    }

    private static Verification verify(ResultSet rows) throws SQLException {
        byte[] expectedPrev = GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (rows.next()) {
            long seq = rows.getLong(1);
            byte[] prev = rows.getBytes(7);
            byte[] stored = rows.getBytes(8);
            byte[] recomputed = hash(prev, seq, rows.getTimestamp(2).toInstant(), rows.getString(3),
                    rows.getString(4), rows.getString(5), rows.getString(6));
            if (seq != expectedSeq || !Arrays.equals(prev, expectedPrev) || !Arrays.equals(stored, recomputed)) {
                return new Verification(checked, Optional.of(seq));
            }
            expectedPrev = stored;
            expectedSeq = seq + 1;
            checked++;
        }
        return new Verification(checked, Optional.empty());
    }

    /** SHA-256 over the previous hash and every field, each length-prefixed so fields cannot run into each other. */
    static byte[] hash(byte[] prev, long seq, Instant at, String type, String actor, String subject, String detail) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prev);
            sha256.update(ByteBuffer.allocate(16).putLong(seq)
                    .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, at)).array());
            for (String field : new String[] {type, actor, subject, detail}) {
                byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
                sha256.update(ByteBuffer.allocate(5).putInt(bytes.length).put((byte) (field == null ? 0 : 1)).array());
                sha256.update(bytes);
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
