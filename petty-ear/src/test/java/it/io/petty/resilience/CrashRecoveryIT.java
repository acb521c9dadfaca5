package it.io.petty.resilience;

import io.petty.cli.ExitCode;
import io.petty.cli.Petty;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reading the server acknowledged is still there after the server is killed with SIGKILL in the middle
 * of a {@code petty load} run and started again; the fleet rides out the outage by retrying.
 */
class CrashRecoveryIT {

    private static final Path WLP = Path.of(System.getProperty("petty.test.wlp.dir"));

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedReadingSurvivesKillDashNineDuringALoadRun() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> load = CompletableFuture.supplyAsync(() -> Petty.commandLine(
                new PrintWriter(out, true), new PrintWriter(err, true)).execute("load",
                "--url", PettyHttp.BASE.toString(), "--db-url", TestDatabase.url(), "--db-user", TestDatabase.user(),
                "--fleet-file", directory.resolve("fleet.json").toString(), "--output", "json",
                "--collars", "4", "--batch", "20", "--duration", "15s",
                // Enough patience for a restart: every batch is retried until the server is back.
                "--max-attempts", "1000", "--grace", "120s"));
        awaitAcknowledgements(err);

        ProcessHandle server = ProcessHandle.of(Long.parseLong(
                Files.readString(WLP.resolve("usr/servers/.pid/petty.pid")).trim())).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
        Process restart = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", "petty")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, restart.waitFor(), "server start petty");
        PettyHttp.awaitReady(Duration.ofSeconds(120));

        assertEquals(ExitCode.OK, load.get(180, TimeUnit.SECONDS), err.toString());
        JsonObject report = Json.createReader(new StringReader(out.toString())).readObject();
        assertTrue(report.getJsonObject("errors").getInt("io", 0) > 0, "the kill interrupted the run: " + out);
        JsonObject verification = report.getJsonObject("verification");
        assertTrue(verification.getJsonNumber("acknowledged").longValue() > 0, out.toString());
        assertTrue(verification.getBoolean("complete"), "every acknowledged reading is stored: " + out);
    }

    /** The run is under way once its progress line reports acknowledged readings. */
    private static void awaitAcknowledgements(StringWriter progress) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!progress.toString().matches("(?s).*acknowledged [1-9][\\d,]*.*")) {
            assertTrue(System.nanoTime() < deadline, "no reading acknowledged within 60 s: " + progress);
            Thread.sleep(200);
        }
    }
}
