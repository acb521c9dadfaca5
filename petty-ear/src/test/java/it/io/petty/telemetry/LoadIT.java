package it.io.petty.telemetry;

import io.petty.cli.ExitCode;
import io.petty.cli.load.FleetFile;
import it.io.petty.LoadRun;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code petty load} against the test server, as an operator runs it. The test server's ingest limit is 100
 * requests of burst and 1 a second per collar (10 in production), so a small fleet sending as fast as it can is
 * refused ({@code 429}) and must retry its way through.
 */
class LoadIT {

    @TempDir
    Path directory;

    @Test
    void aSmallFleetRetriesThroughTheRateLimitAndEveryAcknowledgedReadingIsStored() throws Exception {
        // Two collars, so both fit through the test server's two ingest permits instead of waiting out 503s. Each may
        // send 110 requests in 10 s (100, then 1/s); at up to 80 ms a request it sends more, and is refused.
        // A millisecond a reading, so that the freshly paired collars have readings at once: their clocks start at
        // the pairing and never pass now, and at a reading a second each would wait 10 s for its first batch.
        LoadRun.Result run = load("--collars", "2", "--batch", "10", "--reading-interval", "1ms", "--duration", "10s",
                "--readers", "1");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonObject report = run.report();
        long acknowledged = report.getJsonNumber("acknowledged").longValue();
        assertTrue(acknowledged > 0, run.out());
        assertEquals(0, report.getInt("rejected"), "every generated reading passes the server's rules");
        JsonObject verification = report.getJsonObject("verification");
        assertEquals(acknowledged, verification.getJsonNumber("acknowledged").longValue());
        assertEquals(acknowledged, verification.getJsonNumber("present").longValue());
        assertTrue(report.getJsonObject("errors").getInt("429", 0) > 0, "the rate limit refused some: " + run.out());
        assertTrue(report.getInt("retries") > 0, run.out());
        assertEquals(2, report.getJsonObject("fleet").getInt("collars_created"));
        assertTrue(report.getJsonObject("realtime").getJsonObject("statuses").getInt("200", 0) > 0, run.out());
        assertTrue(run.err().contains("fleet: 1 owners (0 reused, 1 created), 2 collars (0 reused, 2 created)"), run.err());
    }

    @Test
    void aSecondRunReusesTheFleetAndSendsNewReadings() throws Exception {
        LoadRun.Result first = load("--collars", "3", "--batch", "20", "--reading-interval", "1ms", "--duration", "2s");
        assertEquals(ExitCode.OK, first.exitCode(), first.err());

        LoadRun.Result second = load("--collars", "3", "--batch", "20", "--reading-interval", "1ms", "--duration", "2s");

        assertEquals(ExitCode.OK, second.exitCode(), second.err());
        for (LoadRun.Result run : List.of(first, second)) {
            assertEquals(0, run.report().getInt("rejected"), "no reading is older than its collar's pairing: " + run.out());
            assertEquals(0, run.report().getJsonObject("errors").getInt("422", 0), run.out());
        }
        JsonObject fleet = second.report().getJsonObject("fleet");
        assertEquals(1, fleet.getInt("owners_reused"));
        assertEquals(3, fleet.getInt("collars_reused"));
        assertEquals(0, fleet.getInt("collars_created"));
        assertTrue(second.report().getJsonObject("verification").getBoolean("complete"), second.out());
        long sent = first.report().getJsonNumber("acknowledged").longValue()
                + second.report().getJsonNumber("acknowledged").longValue();
        assertEquals(sent, storedForTheFleet(), "the second run's readings are new ones, not replays of the first's");
    }

    /** Readings stored for the collars in the fleet file. */
    private long storedForTheFleet() {
        return new FleetFile(directory.resolve("load-fleet.json"), Clock.systemUTC())
                .load(PettyHttp.BASE, FleetFile.Part.FLEET).stream()
                .flatMap(owner -> owner.collars().stream())
                .mapToLong(collar -> TestDatabase.countReadings(collar.collarId()))
                .sum();
    }

    private LoadRun.Result load(String... options) throws Exception {
        return LoadRun.run(directory.resolve("load-fleet.json"), options);
    }
}
