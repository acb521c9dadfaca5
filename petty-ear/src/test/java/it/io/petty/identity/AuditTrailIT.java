package it.io.petty.identity;

import io.petty.domain.audit.AuditLog;
import io.petty.domain.secrets.SecretStore;
import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import it.io.petty.TokenForge;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Security events land in the hash-chained audit log, which refuses edits and detects tampering. */
class AuditTrailIT {

    private final AuditLog audit = new AuditLog(TestDatabase.dataSource(), Clock.systemUTC(),
            new SecretStore(TestDatabase.dataSource(), TokenForge.serverMasterKey(), Clock.systemUTC()));

    @Test
    void securityEventsAreRecordedAndTheChainVerifies() throws SQLException {
        Fleet.Owner owner = Fleet.newOwner();
        postJson("/v1/auth/token", "{\"email\": \"" + owner.email() + "\", \"password\": \"wrong passphrase\"}");
        postJson("/v1/auth/refresh", "{\"refresh_token\": \"" + owner.refreshToken() + "\"}");
        postJson("/v1/auth/refresh", "{\"refresh_token\": \"" + owner.refreshToken() + "\"}");
        Fleet.Owner other = Fleet.newOwner();
        postJson("/v1/auth/logout", "{}", other.accessToken());

        Set<String> types = typesAbout(owner.id().toString(), other.id().toString());
        assertTrue(types.containsAll(Set.of("account.created", "login.succeeded", "token.refresh-reuse-detected",
                "logout")), types.toString());
        assertTrue(countOf("login.failed") > 0);
        assertTrue(audit.verify().intact());
    }

    @Test
    void theTableRefusesUpdatesAndDeletes() {
        Fleet.newOwner();
        assertThrows(SQLException.class, () -> execute("UPDATE audit_event SET detail = 'nothing happened'"));
        assertThrows(SQLException.class, () -> execute("DELETE FROM audit_event"));
        assertThrows(SQLException.class, () -> execute("TRUNCATE audit_event"));
        assertThrows(SQLException.class, () -> execute("DELETE FROM audit_head"));
    }

    @Test
    void aTamperedEntryIsFoundByVerification() throws SQLException {
        Fleet.newOwner();
        Fleet.newOwner();
        long victim = lastSeq() - 1;
        String original = detailOf(victim);
        try {
            tamper(victim, "role admin");
            AuditLog.Verification verification = audit.verify();
            assertEquals(victim, verification.firstBrokenSeq().orElseThrow());
            assertEquals(victim - 1, verification.checked());
        } finally {
            tamper(victim, original);
        }
        assertTrue(audit.verify().intact(), "restoring the entry restores the chain");
    }

    /** What an attacker with database rights could do: switch the guard off, edit, switch it on. */
    private static void tamper(long seq, String detail) throws SQLException {
        try (Connection db = TestDatabase.connect()) {
            db.setAutoCommit(false);
            try (Statement guard = db.createStatement();
                 PreparedStatement edit = db.prepareStatement("UPDATE audit_event SET detail = ? WHERE seq = ?")) {
                guard.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
                edit.setString(1, detail);
                edit.setLong(2, seq);
                edit.executeUpdate();
                guard.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
            db.commit();
        }
    }

    private static Set<String> typesAbout(String... subjects) throws SQLException {
        Set<String> types = new HashSet<>();
        try (Connection db = TestDatabase.connect();
             PreparedStatement query = db.prepareStatement("SELECT type FROM audit_event WHERE subject = ANY (?)")) {
            query.setArray(1, db.createArrayOf("text", subjects));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
            }
        }
        return types;
    }

    private static long countOf(String type) throws SQLException {
        return single("SELECT count(*) FROM audit_event WHERE type = '" + type + "'");
    }

    private static long lastSeq() throws SQLException {
        return single("SELECT max(seq) FROM audit_event");
    }

    private static String detailOf(long seq) throws SQLException {
        try (Connection db = TestDatabase.connect(); Statement query = db.createStatement();
             ResultSet row = query.executeQuery("SELECT detail FROM audit_event WHERE seq = " + seq)) {
            row.next();
            return row.getString(1);
        }
    }

    private static long single(String sql) throws SQLException {
        try (Connection db = TestDatabase.connect(); Statement query = db.createStatement();
             ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection db = TestDatabase.connect(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
