package io.petty.cli;

import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real command line, as a user would, with its output captured. */
class DbCommandTest {

    @Test
    void migrateAppliesTheSchemaOnceAndStatusReportsIt() {
        String url = TestPostgres.freshDatabaseUrl();

        Run pending = petty("db", "status", "--db-url", url, "--db-user", TestPostgres.USER);
        assertEquals(ExitCode.CHECK_FAILED, pending.exitCode());
        assertTrue(pending.out().matches("Schema at version none; [1-9]\\d* migration\\(s\\) pending.\\s*"), pending.out());

        Run migrated = petty("db", "migrate", "--db-url", url, "--db-user", TestPostgres.USER);
        assertEquals(ExitCode.OK, migrated.exitCode(), migrated.err());
        assertTrue(migrated.out().matches("Applied [1-9]\\d* migration\\(s\\); schema at version \\d+.\\s*"), migrated.out());

        Run again = petty("db", "migrate", "--db-url", url, "--db-user", TestPostgres.USER);
        assertTrue(again.out().startsWith("Applied 0 migration(s)"), again.out());

        Run current = petty("db", "status", "--db-url", url, "--db-user", TestPostgres.USER);
        assertEquals(ExitCode.OK, current.exitCode());
        assertTrue(current.out().endsWith("0 migration(s) pending.\n"), current.out());
    }

    @Test
    void anUnreachableDatabaseExitsWithUnavailableAndSaysWhy() {
        Run run = petty("db", "status", "--db-url", "jdbc:postgresql://localhost:1/petty");
        assertEquals(ExitCode.UNAVAILABLE, run.exitCode());
        assertTrue(run.err().startsWith("petty: "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aWrongCommandLineExitsWithUsage() {
        Run run = petty("db", "migrate", "--password", "secret");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("Unknown options: '--password'"), run.err());
    }

    @Test
    void helpListsTheCommands() {
        Run run = petty("--help");
        assertEquals(ExitCode.OK, run.exitCode());
        assertTrue(run.out().contains("db"), run.out());
    }

    private static Run petty(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Petty.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
