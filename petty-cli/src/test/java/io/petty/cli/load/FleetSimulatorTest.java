package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.petty.cli.load.ScriptedServer.ok;
import static io.petty.cli.load.ScriptedServer.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator against a fake Petty that refuses, drops and closes now and then, as a real one under load may. */
class FleetSimulatorTest {

    @TempDir
    Path directory;

    private final AtomicInteger ingests = new AtomicInteger();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Map<String, AtomicInteger> exchanges = new ConcurrentHashMap<>();

    @Test
    void everyFailureIsCountedRetriedAndEveryAcknowledgedReadingReported() throws IOException {
        try (ScriptedServer petty = new ScriptedServer(this::answer)) {
            LoadPlan plan = new LoadPlan(petty.uri(), 2, 1, Duration.ofMillis(1), Duration.ofSeconds(1), 60, 2, false,
                    1, Duration.ofMillis(100), directory.resolve("fleet.json"),
                    new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(10), 10), Duration.ofSeconds(5));

            LoadReport report = new FleetSimulator(LoadListener.SILENT).run(plan);

            assertEquals(2, report.errorCount("401"), "each collar's first token has expired: " + report.errors());
            assertTrue(report.errorCount("429") > 0, report.errors().toString());
            assertTrue(report.errorCount("io") > 0, report.errors().toString());
            assertEquals(ingests.get(), report.requests(), "every attempt reached the server");
            assertEquals(stored.get(), report.acknowledged());
            assertEquals(stored.get(), report.acknowledgements().count());
            assertEquals(0, report.givenUp());
            assertTrue(report.acknowledged() > 20, () -> "about 60 a second for a second: " + report.acknowledged());
            assertEquals(report.requests(), report.latency().count() + report.errorCount("io")
                    + report.errorCount("429") + report.errorCount("503"), "every served attempt is timed, no refusal");
            assertTrue(report.reads().statuses().get("200") > 0, report.reads().statuses().toString());
            assertEquals(150_000_000L, report.maxHeapBytes().orElseThrow());
            // One each for provisioning, the heap sampler and the reader, two for the workers and at most two for
            // the device tokens exchanged again; then one more only after each connection the server dropped.
            assertTrue(petty.connections() <= 6 + dropped.get(),
                    petty.connections() + " connections, " + dropped + " dropped: the others are kept alive");
        }
    }

    @Test
    @Timeout(60)
    void anAnswerItCannotReadEndsThatBatchNotTheRun() throws IOException {
        try (ScriptedServer petty = new ScriptedServer(request -> request.target().equals("/v1/ingest")
                ? ok(201, "<html>not a receipt</html>") : answer(request))) {
            LoadPlan plan = new LoadPlan(petty.uri(), 2, 5, Duration.ofMillis(1), Duration.ofMillis(500), 0, 2, false, 0,
                    Duration.ofSeconds(1), directory.resolve("fleet.json"), RetryPolicy.DEFAULT, Duration.ofSeconds(1));

            LoadReport report = new FleetSimulator(LoadListener.SILENT).run(plan);

            assertTrue(report.errorCount("unreadable") > 0, report.errors().toString());
            assertEquals(0, report.acknowledged());
            assertEquals(report.errorCount("unreadable") * 5, report.givenUp());
        }
    }

    private ScriptedServer.Reply answer(ScriptedServer.Request request) {
        String path = request.target().split("\\?")[0];
        switch (request.method() + " " + path) {
            case "POST /v1/accounts":
                return ok(201, "{}");
            case "POST /v1/auth/token":
                return ok(200, "{\"access_token\":\"owner\"}");
            case "POST /v1/pets":
                return ok(201, "{\"id\":\"pet\"}");
            case "POST /v1/collars":
                return ok(201, "{\"secret\":\"secret-" + json(request).getString("collar_id") + "\"}");
            case "POST /v1/auth/device-token":
                String collar = json(request).getString("collar_id");
                int exchange = exchanges.computeIfAbsent(collar, c -> new AtomicInteger()).incrementAndGet();
                return ok(200, "{\"access_token\":\"device-" + collar + "-" + exchange + "\"}");
            case "POST /v1/ingest":
                return ingest(request);
            case "GET /v1/realtime":
                return raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
            case "GET /metrics":
                return raw("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2E\r\nmemory_usedHeap_bytes{mp_scope=\"base\",} 1.5E8\n\r\n0\r\n\r\n");
            default:
                return ok(404, "{}");
        }
    }

    private ScriptedServer.Reply ingest(ScriptedServer.Request request) {
        int n = ingests.incrementAndGet();
        if (request.headers().get("authorization").endsWith("-1")) {
            return ok(401, "{}");
        }
        if (n % 5 == 0) {
            return ok(429, "{}", "Retry-After: 0");
        }
        if (n % 7 == 0) {
            dropped.incrementAndGet();
            return out -> false;
        }
        stored.incrementAndGet();
        if (n % 11 == 0) {
            dropped.incrementAndGet();
            return ScriptedServer.rawThenClose("HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 27\r\n\r\n"
                    + "{\"stored\":1,\"duplicates\":0}");
        }
        return ok(201, "{\"stored\":1,\"duplicates\":0}");
    }

    private static JsonObject json(ScriptedServer.Request request) {
        try (JsonReader reader = Json.createReader(new StringReader(request.body()))) {
            return reader.readObject();
        }
    }
}
