package it.io.petty.resilience;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.ServerLog;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

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
 * when it returns, the server recovers by itself; the failure is logged with the request's id and trace id. Runs
 * against the embedded database only.
 */
class DatabaseOutageIT {

    private static final String DATA_DIR = System.getProperty("petty.test.embedded-db.dir", "");

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWhenItReturns() throws Exception {
        assumeTrue(!DATA_DIR.isBlank(), "needs the embedded database, which this test stops and starts");
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        PostgresControl postgres = new PostgresControl(Path.of(DATA_DIR));

        String requestId = "outage-" + UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        long logFrom = ServerLog.size();
        postgres.stop();
        try {
            HttpResponse<String> refused = PettyHttp.send(PettyHttp.request("/v1/ingest")
                    .header("Content-Type", "application/json").header("Authorization", "Bearer "
                            + device.deviceToken()).header("X-Request-ID", requestId)
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .POST(HttpRequest.BodyPublishers.ofString(reading(collar, recent()))));
            assertEquals(503, refused.statusCode(), refused.body());
            // The failure is logged as a JSON line that names the request and the client's trace.
            JsonObject logged = ServerLog.entries(ServerLog.since(logFrom)).stream()
                    .filter(entry -> entry.getString("message", "").contains(requestId)).findFirst()
                    .orElseThrow(() -> new AssertionError("no log line names " + requestId));
            assertEquals(requestId, logged.getString("ext_requestId"), logged.toString());
            assertEquals(traceId, logged.getString("ext_traceId"), logged.toString());
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
