package it.io.petty.resilience;

import io.petty.cli.ExitCode;
import it.io.petty.LoadRun;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reading the server acknowledged is still there after the server is killed with SIGKILL in the middle
 * of a {@code petty load} run and started again; the fleet rides out the outage by retrying.
 */
class CrashRecoveryIT {

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedReadingSurvivesKillDashNineDuringALoadRun() throws Exception {
        try (LoadRun load = LoadRun.start(directory.resolve("fleet.json"), "--collars", "4", "--batch", "20",
                // Freshly paired collars at a reading a second would wait 20 s for their first batch.
                "--reading-interval", "1ms", "--duration", "15s",
                // Enough patience for a restart: every batch is retried until the server is back.
                "--max-attempts", "1000", "--grace", "120s")) {
            awaitAcknowledgements(load);

            TestServer.killAndRestart();

            LoadRun.Result run = load.await(Duration.ofSeconds(180));
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            JsonObject report = run.report();
            assertTrue(report.getJsonObject("errors").getInt("io", 0) > 0, "the kill interrupted the run: " + run.out());
            JsonObject verification = report.getJsonObject("verification");
            assertTrue(verification.getJsonNumber("acknowledged").longValue() > 0, run.out());
            assertTrue(verification.getBoolean("complete"), "every acknowledged reading is stored: " + run.out());
        }
    }

    /** The run is under way once its progress line reports acknowledged readings. */
    private static void awaitAcknowledgements(LoadRun load) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!load.progress().matches("(?s).*acknowledged [1-9][\\d,]*.*")) {
            assertTrue(System.nanoTime() < deadline, "no reading acknowledged within 60 s: " + load.progress());
            Thread.sleep(200);
        }
    }
}
