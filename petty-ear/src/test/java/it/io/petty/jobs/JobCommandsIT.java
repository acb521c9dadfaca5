package it.io.petty.jobs;

import io.petty.cli.Petty;
import io.petty.domain.testing.Archives;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job commands of {@code petty} run in the test's JVM against the running EAR, signing in with an e-mail and the
 * password typed on standard input, as an officer or admin runs them: started, followed to the end, the archive
 * downloaded and checked; refusals told with the server's words and exit 2.
 */
class JobCommandsIT {

    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void anOfficerExportsAndErasesASubjectFromTheCommandLine(@TempDir Path dir) throws Exception {
        Fleet.Owner officer = Fleet.newOfficer();
        Fleet.Collar subject = Fleet.newCollarWithReadings();
        Path archive = dir.resolve("subject.zip");
        String activeLogins = "SELECT count(*) FROM refresh_token WHERE state = 'active' AND account_id = '"
                + officer.id() + "'";
        long loggedIn = TestDatabase.count(activeLogins);

        Run export = petty(officer, "export", "--subject", subject.owner().email(), "--reason", "ticket 4714",
                "--wait", "--out", archive.toString());

        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("COMPLETED") && export.out().contains("verified"), export.out());
        assertTrue(export.err().contains("export ") && export.err().contains("COMPLETED"), "progress: " + export.err());
        Map<String, byte[]> files = Archives.unzip(Files.readAllBytes(archive));
        assertEquals(subject.owner().id().toString(), Archives.json(files.get("manifest.json")).getString("subject"));
        assertFalse(Files.exists(dir.resolve("subject.zip.part")));
        assertEquals(loggedIn, TestDatabase.count(activeLogins), "the command signed out of the login it made");

        Run unconfirmed = petty(officer, "erase", "--subject", subject.owner().id().toString(), "--reason", "t");
        assertEquals(2, unconfirmed.exitCode());
        assertTrue(unconfirmed.err().contains("--yes"), unconfirmed.err());
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM account WHERE id = '" + subject.owner().id() + "'"));

        Run erase = petty(officer, "erase", "--subject", subject.owner().id().toString(), "--reason", "ticket 4715",
                "--yes", "--wait");
        assertEquals(0, erase.exitCode(), erase.err());
        assertTrue(erase.out().contains("COMPLETED"), erase.out());
        assertTrue(erase.out().lines().anyMatch(line -> line.trim().matches("account\\s+1")), erase.out());
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM account WHERE id = '" + subject.owner().id() + "'"));
    }

    @Test
    void anAdminReanalysesListsAndIsToldWhatCannotBeRestarted() {
        Fleet.Owner admin = Fleet.newAdmin();
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(10).toString();

        Run reanalyse = petty(admin, "reanalyse", "--from", day, "--to", day, "--wait", "--output", "json");
        assertEquals(0, reanalyse.exitCode(), reanalyse.err());
        assertTrue(reanalyse.out().contains("\"status\":\"COMPLETED\""), reanalyse.out());
        long execution = Json.createReader(new StringReader(reanalyse.out())).readObject().getJsonNumber("execution_id")
                .longValue();

        Run list = petty(admin, "jobs", "list", "--limit", "50");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().lines().anyMatch(line -> line.startsWith(execution + " ")
                && line.contains("nightly-reanalysis") && line.contains("COMPLETED")), list.out());

        Run restart = petty(admin, "jobs", "restart", Long.toString(execution));
        assertEquals(2, restart.exitCode());
        assertTrue(restart.err().contains("409") && restart.err().contains("COMPLETED"), restart.err());
    }

    @Test
    void refusalsAreTheServersWordsAndExitTwo() {
        Fleet.Owner owner = Fleet.newOwner();
        Run notAnOfficer = petty(owner, "export", "--subject", owner.email(), "--reason", "curious");
        assertEquals(2, notAnOfficer.exitCode());
        assertTrue(notAnOfficer.err().contains("403"), notAnOfficer.err());

        Run wrongPassword = run("wrong password\n", "jobs", "list", "--url", PettyHttp.BASE.toString(), "--email",
                owner.email());
        assertEquals(2, wrongPassword.exitCode());
        assertTrue(wrongPassword.err().contains("401"), wrongPassword.err());

        Fleet.Owner admin = Fleet.newAdmin();
        Run backwards = petty(admin, "reanalyse", "--from", "2026-12-02", "--to", "2026-12-01");
        assertEquals(2, backwards.exitCode());
        assertTrue(backwards.err().contains("to must not be before from"), backwards.err());
    }

    private static Run petty(Fleet.Owner who, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--url", PettyHttp.BASE.toString(), "--email", who.email()));
        return run(Fleet.PASSWORD + "\n", line.toArray(String[]::new));
    }

    /** {@code petty} with {@code typed} on standard input (the password asked for). */
    private static synchronized Run run(String typed, String... args) {
        InputStream stdin = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
            int exitCode = Petty.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
            return new Run(exitCode, out.toString(), err.toString());
        } finally {
            System.setIn(stdin);
        }
    }
}
