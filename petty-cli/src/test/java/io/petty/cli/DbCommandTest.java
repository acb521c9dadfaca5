package io.petty.cli;

import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real command line, as a user would, with its output captured. */
class DbCommandTest {

    @Test
    void migrateAppliesTheSchemaOnceAndStatusReportsIt() {
        String url = TestPostgres.freshDatabaseUrl();

        CommandRun pending = CommandRun.petty("db", "status", "--db-url", url, "--db-user", TestPostgres.USER);
        assertEquals(ExitCode.CHECK_FAILED, pending.exitCode());
        assertTrue(pending.out().matches("Schema at version none; [1-9]\\d* migration\\(s\\) pending.\\s*"), pending.out());

        CommandRun migrated = CommandRun.petty("db", "migrate", "--db-url", url, "--db-user", TestPostgres.USER);
        assertEquals(ExitCode.OK, migrated.exitCode(), migrated.err());
        assertTrue(migrated.out().matches("Applied [1-9]\\d* migration\\(s\\); schema at version \\d+.\\s*"), migrated.out());

        CommandRun again = CommandRun.petty("db", "migrate", "--db-url", url, "--db-user", TestPostgres.USER);
        assertTrue(again.out().startsWith("Applied 0 migration(s)"), again.out());

        CommandRun current = CommandRun.petty("db", "status", "--db-url", url, "--db-user", TestPostgres.USER);
        assertEquals(ExitCode.OK, current.exitCode());
        assertTrue(current.out().endsWith("0 migration(s) pending.\n"), current.out());
    }

    @Test
    void anUnreachableDatabaseExitsWithUnavailableAndSaysWhy() {
        CommandRun run = CommandRun.petty("db", "status", "--db-url", "jdbc:postgresql://localhost:1/petty");
        assertEquals(ExitCode.UNAVAILABLE, run.exitCode());
        assertTrue(run.err().startsWith("petty: "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aWrongCommandLineExitsWithUsage() {
        CommandRun run = CommandRun.petty("db", "migrate", "--password", "secret");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("Unknown options: '--password'"), run.err());
    }

    @Test
    void helpListsTheCommands() {
        CommandRun run = CommandRun.petty("--help");
        assertEquals(ExitCode.OK, run.exitCode());
        assertTrue(run.out().contains("db"), run.out());
    }

}
