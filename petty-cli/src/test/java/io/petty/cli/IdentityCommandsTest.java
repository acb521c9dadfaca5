package io.petty.cli;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code petty rotate-keys}, {@code petty accounts create}, {@code petty collars provision} and {@code petty audit
 * verify}: the commands that make credentials or check their trail, run as a user runs them.
 */
class IdentityCommandsTest {

    @TempDir
    Path dataDir;
    private String url;

    @BeforeEach
    void migratedDatabase() {
        url = TestPostgres.freshDatabaseUrl();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(TestPostgres.USER);
        new SchemaMigrations(dataSource).migrate();
    }

    @Test
    void rotateKeysActivatesANewKeyAndLeavesTheOldOneRetiring() throws SQLException {
        CommandRun first = petty(null, "rotate-keys");
        assertEquals(ExitCode.OK, first.exitCode(), first.err());
        CommandRun second = petty(null, "rotate-keys");
        assertTrue(second.out().startsWith("Activated signing key "), second.out());

        assertEquals("active,retiring", query("SELECT string_agg(status, ',' ORDER BY status) FROM signing_key"));
        String newKid = second.out().split(" ")[3].replace(";", "");
        assertEquals("active", query("SELECT status FROM signing_key WHERE kid = '" + newKid + "'"));
    }

    @Test
    void accountsCreateMakesAnAdminWithEncryptedEmailAndReadsThePasswordFromStandardInput() throws SQLException {
        CommandRun run = petty("an admin passphrase\n", "accounts", "create", "--role", "admin", "--email", "Ops@Example.com");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Created admin account "), run.out());
        assertEquals("admin", query("SELECT role FROM account"));
        assertFalse(query("SELECT encode(email_ciphertext, 'escape') FROM account").contains("example.com"));
        assertTrue(query("SELECT password_hash FROM account").startsWith("pbkdf2-sha256$600000$"));
    }

    @Test
    void accountsCreateRefusesOwnersUnknownRolesAndWeakPasswords() {
        assertEquals(ExitCode.USAGE, petty("an admin passphrase\n", "accounts", "create", "--role", "owner",
                "--email", "a@example.com").exitCode());
        assertEquals(ExitCode.USAGE, petty("an admin passphrase\n", "accounts", "create", "--role", "root",
                "--email", "a@example.com").exitCode());
        CommandRun weak = petty("password1234\n", "accounts", "create", "--role", "compliance-officer", "--email",
                "dpo@example.com");
        assertEquals(ExitCode.CHECK_FAILED, weak.exitCode());
        assertTrue(weak.err().contains("password is too common"), weak.err());
    }

    @Test
    void collarsProvisionPrintsEachCollarsSecretAndClaimCodeOnceAndStoresOnlyTheirHashes() throws SQLException {
        CommandRun run = petty(null, "collars", "provision", "--count", "3", "--prefix", "TS");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("serial,secret,claim_code", lines.get(0));
        assertEquals(4, lines.size(), run.out());
        String[] first = lines.get(1).split(",");
        assertTrue(first[0].matches("^TS-\\d{6}$") && first[1].length() == 43
                && first[2].matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$"), lines.get(1));
        assertEquals("3", query("SELECT count(*) FROM collar WHERE pet_id IS NULL AND claim_code_hash IS NOT NULL"));
        assertEquals("0", query("SELECT count(*) FROM collar WHERE encode(secret_hash, 'escape') LIKE '%" + first[1]
                + "%' OR encode(claim_code_hash, 'escape') LIKE '%" + first[2] + "%'"), "nothing secret in clear");
        assertEquals("collars.provisioned TS 3 collars",
                query("SELECT type || ' ' || subject || ' ' || detail FROM audit_event ORDER BY seq DESC LIMIT 1"));
    }

    @Test
    void collarsProvisionRefusesABadPrefixOrCountAndMakesNothing() throws SQLException {
        CommandRun badPrefix = petty(null, "collars", "provision", "--count", "3", "--prefix", "ts");
        assertEquals(ExitCode.USAGE, badPrefix.exitCode());
        assertTrue(badPrefix.err().contains("--prefix must be two capital letters"), badPrefix.err());
        assertEquals(ExitCode.USAGE, petty(null, "collars", "provision", "--count", "0").exitCode());
        assertEquals(ExitCode.USAGE, petty(null, "collars", "provision").exitCode(), "--count is required");
        assertEquals("0", query("SELECT count(*) FROM collar"));
    }

    @Test
    void auditVerifyPassesOnAnIntactChainAndNamesTheFirstTamperedEntry() throws SQLException {
        petty("an admin passphrase\n", "accounts", "create", "--role", "admin", "--email", "one@example.com");
        petty(null, "rotate-keys");
        petty("an admin passphrase\n", "accounts", "create", "--role", "admin", "--email", "two@example.com");

        CommandRun intact = petty(null, "audit", "verify");
        assertEquals(ExitCode.OK, intact.exitCode(), intact.err());
        assertEquals("Audit log intact: 3 entries verified.\n", intact.out());

        execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
        execute("UPDATE audit_event SET actor = 'someone else' WHERE seq = 2");
        CommandRun broken = petty(null, "audit", "verify");
        assertEquals(ExitCode.CHECK_FAILED, broken.exitCode());
        assertEquals("Audit log BROKEN at entry 2 (1 entries before it verified).\n", broken.out());
    }

    @Test
    void auditVerifyReportsEntriesRemovedFromTheNewestEnd() throws SQLException {
        for (String email : List.of("one@example.com", "two@example.com", "three@example.com")) {
            petty("an admin passphrase\n", "accounts", "create", "--role", "admin", "--email", email);
        }
        assertThrowsSql("TRUNCATE audit_event");
        assertThrowsSql("DELETE FROM audit_event WHERE seq = 3");

        // Someone who can change the schema removes the newest entry: no later link covers it, the head does.
        execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
        execute("DELETE FROM audit_event WHERE seq = 3");
        CommandRun truncated = petty(null, "audit", "verify");
        assertEquals(ExitCode.CHECK_FAILED, truncated.exitCode());
        assertEquals("Audit log TRUNCATED: entries 3 to 3 are missing from its newest end (2 entries verified).\n",
                truncated.out());
    }

    @Test
    void aChainRewrittenWithoutTheMasterKeyDoesNotVerify() throws SQLException {
        petty("an admin passphrase\n", "accounts", "create", "--role", "admin", "--email", "one@example.com");
        // Rewrite the entry and recompute its hash as the unkeyed chain did: without the key the link cannot hold.
        execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
        execute("UPDATE audit_event SET keyed = false, hash = sha256(prev_hash) WHERE seq = 1");
        CommandRun broken = petty(null, "audit", "verify");
        assertEquals(ExitCode.CHECK_FAILED, broken.exitCode());
        assertTrue(broken.out().startsWith("Audit log BROKEN at entry 1"), broken.out());
    }

    private void assertThrowsSql(String sql) {
        SQLException refused = assertThrows(SQLException.class, () -> execute(sql));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
    }

    private CommandRun petty(String stdin, String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.addAll(List.of("--db-url", url, "--db-user", TestPostgres.USER));
        full.addAll(List.of("--data-dir", dataDir.toString(), "--profile", "development"));
        return CommandRun.typing(stdin, full.toArray(String[]::new));
    }

    private void execute(String sql) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(TestPostgres.USER);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String sql) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(TestPostgres.USER);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
