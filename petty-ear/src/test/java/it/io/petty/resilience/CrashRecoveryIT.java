package it.io.petty.resilience;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every reading the server acknowledged is still there after the server is killed with SIGKILL. */
class CrashRecoveryIT {

    private static final Path WLP = Path.of(System.getProperty("petty.test.wlp.dir"));

    @Test
    void everyAcknowledgedReadingSurvivesKillDashNine() throws Exception {
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        List<Instant> acknowledged = new ArrayList<>();
        Instant start = recent().minusSeconds(60);
        for (int i = 0; i < 50; i++) {
            Instant timestamp = start.plusSeconds(i);
            assertEquals(201, postJson("/v1/ingest", reading(collar, timestamp), device.deviceToken()).statusCode());
            acknowledged.add(timestamp);
        }

        ProcessHandle server = ProcessHandle.of(Long.parseLong(
                Files.readString(WLP.resolve("usr/servers/.pid/petty.pid")).trim())).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);

        Process restart = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", "petty")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, restart.waitFor(), "server start petty");
        PettyHttp.awaitReady(Duration.ofSeconds(120));

        assertEquals(acknowledged.size(), TestDatabase.countReadings(collar));
        assertEquals(acknowledged.get(acknowledged.size() - 1),
                Instant.parse(json(get("/v1/realtime?collar_id=" + collar, device.owner().accessToken())).getString("timestamp")));
    }
}
