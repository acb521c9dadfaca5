package it.io.petty.resilience;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * While PostgreSQL is down the server answers 503 with Retry-After and reports not-ready (but live);
 * when it returns, the server recovers by itself. Runs against the embedded database only.
 */
class DatabaseOutageIT {

    private static final String DATA_DIR = System.getProperty("petty.test.embedded-db.dir", "");

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWhenItReturns() throws Exception {
        assumeTrue(!DATA_DIR.isBlank(), "needs the embedded database, which this test stops and starts");
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        PostgresControl postgres = new PostgresControl(Path.of(DATA_DIR));

        postgres.stop();
        try {
            HttpResponse<String> refused = postJson("/v1/ingest", reading(collar, recent()), device.deviceToken());
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("https://petty.io/problems/database-unavailable", json(refused).getString("type"));
            assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()) > 0);

            HttpResponse<String> ready = get("/health/ready");
            assertEquals(503, ready.statusCode());
            JsonObject check = json(ready).getJsonArray("checks").getJsonObject(0);
            assertFalse(check.getJsonObject("data").getBoolean("reachable"));
            assertEquals(200, get("/health/live").statusCode(), "a restart would not bring the database back");
        } finally {
            postgres.start();
        }

        PettyHttp.awaitReady(Duration.ofSeconds(60));
        assertEquals(201, postJson("/v1/ingest", reading(collar, recent()), device.deviceToken()).statusCode());
    }
}
