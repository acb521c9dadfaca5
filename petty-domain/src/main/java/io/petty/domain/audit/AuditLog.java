package io.petty.domain.audit;

import io.petty.domain.crypto.Aead;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.secrets.SecretStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
import java.util.function.Supplier;

/**
 * Appends security events, each MACed (HMAC-SHA256 under a key from the secret store) together with the previous
 * entry's MAC, so that changing or removing an entry breaks every link after it, and nobody without the master key
 * can forge links that hold; {@link #verify()} finds the first broken one. A head record, moved by every append
 * under its own MAC, shows entries removed from the newest end, which no later link covers. The tables refuse
 * UPDATE, DELETE and TRUNCATE. Entries from before the chain was keyed verify as the plain SHA-256 chain they are.
 * Container-free: the server records, {@code petty audit verify} checks.
 */
public class AuditLog {

    /** The chain's start: the "previous hash" of the first entry. */
    static final byte[] GENESIS = new byte[32];

    /** The secret store's name of the chain's key. */
    public static final String KEY_NAME = "audit-chain";

    /**
     * The result of a verification: how many entries were checked, the first that does not chain, and the newest
     * entry the head record vouches for when entries after the last one are missing.
     */
    public record Verification(long checked, Optional<Long> firstBrokenSeq, Optional<Long> missingThrough) {
        public boolean intact() {
            return firstBrokenSeq.isEmpty() && missingThrough.isEmpty();
        }
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Supplier<byte[]> key;

    /** @param secrets where the chain's key is kept (made there the first time) */
    public AuditLog(DataSource dataSource, Clock clock, SecretStore secrets) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.key = () -> secrets.currentOrCreate(KEY_NAME, Aead::newKey);
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
                         INSERT INTO audit_event (seq, at, type, actor, subject, detail, prev_hash, hash, keyed)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, true)""");
                 PreparedStatement head = connection.prepareStatement("""
                         INSERT INTO audit_head (seq, mac) VALUES (?, ?)
                         ON CONFLICT (only_row) DO UPDATE SET seq = excluded.seq, mac = excluded.mac""")) {
                lock.execute();
                long seq = 1;
                byte[] prev = GENESIS;
                try (ResultSet row = last.executeQuery()) {
                    if (row.next()) {
                        seq = row.getLong(1) + 1;
                        prev = row.getBytes(2);
                    }
                }
                byte[] chainKey = key.get();
                byte[] mac = link(chainKey, prev, seq, at, type, actor, subject, detail);
                insert.setLong(1, seq);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setString(3, type);
                insert.setString(4, actor);
                insert.setString(5, subject);
                insert.setString(6, detail);
                insert.setBytes(7, prev);
                insert.setBytes(8, mac);
                insert.executeUpdate();
                head.setLong(1, seq);
                head.setBytes(2, headMac(chainKey, seq, mac));
                head.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not append to the audit log", e);
        }
    }

    /** Recomputes the chain from the first entry, then checks that the newest entry is the one the head vouches for. */
    public Verification verify() {
        byte[] chainKey = key.get();
        try (Connection connection = dataSource.getConnection()) {
            // A cursor (autocommit off, fetch size) keeps memory flat however long the log grows; one snapshot
            // (repeatable read) so that an append while it runs is not taken for a missing entry.
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT seq, at, type, actor, subject, detail, prev_hash, hash, keyed
                    FROM audit_event ORDER BY seq""");
                 PreparedStatement headQuery = connection.prepareStatement("SELECT seq, mac FROM audit_head")) {
                query.setFetchSize(1000);
                Verification chain;
                try (ResultSet rows = query.executeQuery()) {
                    chain = verify(rows, chainKey);
                }
                try (ResultSet head = headQuery.executeQuery()) {
                    return head.next() ? againstHead(chain, head.getLong(1), head.getBytes(2), chainKey, connection)
                            : chain;
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read the audit log", e);
        }
    }

    private static Verification verify(ResultSet rows, byte[] chainKey) throws SQLException {
        byte[] expectedPrev = GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        boolean keyedSeen = false;
        while (rows.next()) {
            long seq = rows.getLong(1);
            byte[] prev = rows.getBytes(7);
            byte[] stored = rows.getBytes(8);
            boolean keyed = rows.getBoolean(9);
            Instant at = rows.getTimestamp(2).toInstant();
            String type = rows.getString(3);
            String actor = rows.getString(4);
            String subject = rows.getString(5);
            String detail = rows.getString(6);
            byte[] recomputed = keyed ? link(chainKey, prev, seq, at, type, actor, subject, detail)
                    : hash(prev, seq, at, type, actor, subject, detail);
            // An unkeyed entry after a keyed one is a forgery dressed as an old entry.
            if (seq != expectedSeq || !Arrays.equals(prev, expectedPrev) || !MessageDigest.isEqual(stored, recomputed)
                    || (keyedSeen && !keyed)) {
                return new Verification(checked, Optional.of(seq), Optional.empty());
            }
            keyedSeen |= keyed;
            expectedPrev = stored;
            expectedSeq = seq + 1;
            checked++;
        }
        return new Verification(checked, Optional.empty(), Optional.empty());
    }

    /** A head that is forged, put back, or that vouches for entries past the last one, is a broken log. */
    private static Verification againstHead(Verification chain, long headSeq, byte[] headMac, byte[] chainKey,
                                            Connection connection) throws SQLException {
        if (chain.firstBrokenSeq().isPresent()) {
            return chain;
        }
        if (headSeq > chain.checked()) {
            return new Verification(chain.checked(), Optional.empty(), Optional.of(headSeq));
        }
        if (headSeq < chain.checked()) {
            // Every append moves the head with it: a head behind the log was put back.
            return new Verification(headSeq, Optional.of(headSeq + 1), Optional.empty());
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT hash FROM audit_event WHERE seq = ?")) {
            query.setLong(1, headSeq);
            try (ResultSet row = query.executeQuery()) {
                boolean vouched = row.next() && MessageDigest.isEqual(headMac, headMac(chainKey, headSeq, row.getBytes(1)));
                return vouched ? chain : new Verification(chain.checked(), Optional.of(headSeq), Optional.empty());
            }
        }
    }

    /** HMAC-SHA256 under the chain's key over what {@link #hash} covers. */
    static byte[] link(byte[] chainKey, byte[] prev, long seq, Instant at, String type, String actor, String subject,
                       String detail) {
        return mac(chainKey, hash(prev, seq, at, type, actor, subject, detail));
    }

    private static byte[] headMac(byte[] chainKey, long seq, byte[] entryMac) {
        return mac(chainKey, ByteBuffer.allocate(5 + 8 + entryMac.length).put("head:".getBytes(StandardCharsets.US_ASCII))
                .putLong(seq).put(entryMac).array());
    }

    private static byte[] mac(byte[] chainKey, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(chainKey, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
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
