package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFormatTest {

    private static final LoadPlan PLAN = new LoadPlan(URI.create("http://localhost:9080"), 2, 50, Duration.ofMillis(10),
            Duration.ofSeconds(10), 0, 32, false, 1, Duration.ofSeconds(1),
            new LoadPlan.Probes(4, Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofSeconds(10)),
            Path.of("fleet.json"), RetryPolicy.DEFAULT, Duration.ofSeconds(30));

    @Test
    void theTableShowsEveryFigureInMilliseconds() {
        String text = ReportFormat.text(report(new LoadReport.Verification(20_000, 20_000), new CopyCeiling.Result(
                500_000, Duration.ofSeconds(2))));

        assertEquals("""
                fleet       1 owners (0 reused, 1 created), 2 collars (1 reused, 1 created)
                plan        batch 50, readings 10ms apart, 10s, as fast as possible, concurrency 32, 1 readers every 1s, 4 event probes every 500ms polling every 10ms
                ingest      20,000 readings acknowledged in 8.0 s: 2,500 readings/s, 52.5 requests/s
                            420 requests (20 retries); 0 readings rejected, 50 given up; 300 batches waited for their collar's clock (never stamped ahead of now)
                latency     p50 12.0 ms  p95 40.0 ms  p99 80.0 ms  max 120.5 ms  of 400  (served requests; 429/503 refusals are under errors)
                errors      429: 15, 503: 4, io: 1
                realtime    p50 2.0 ms  p95 3.0 ms  p99 4.0 ms  max 5.0 ms  of 20  (200: 18, 404: 2)
                events      p50 150.0 ms  p95 420.0 ms  p99 910.5 ms  max 1200.0 ms  of 76  (ingest answer to the new session in the timeline, 4 probes; 2 timed out after 10s, 7 refused, 1 failed; 3,120 polls)
                server heap 256.0 MiB at most
                COPY        500,000 rows in 2.0 s: 250,000 rows/s; ingest reached 0.010 of it
                verified: 20000 of 20000 acknowledged readings present
                """, text);
    }

    @Test
    void theJsonDocumentHasTheSameNumbers() {
        JsonObject json = parse(ReportFormat.json(report(new LoadReport.Verification(20_000, 19_999), null)));

        assertEquals(20_000, json.getJsonNumber("acknowledged").longValue());
        assertEquals(2500.0, json.getJsonNumber("readings_per_s").doubleValue(), 1e-9);
        assertEquals(52.5, json.getJsonNumber("requests_per_s").doubleValue(), 1e-9);
        assertEquals(20, json.getInt("retries"));
        assertEquals(0.01, json.getJsonObject("plan").getJsonNumber("reading_interval_s").doubleValue(), 1e-12);
        assertEquals(50, json.getInt("given_up"));
        assertEquals(300, json.getInt("clock_waits"));
        assertEquals(80.0, json.getJsonObject("latency_ms").getJsonNumber("p99").doubleValue(), 1e-9);
        assertEquals("served requests", json.getJsonObject("latency_ms").getString("basis"));
        assertEquals(15, json.getJsonObject("errors").getInt("429"));
        assertEquals(1, json.getJsonObject("errors").getInt("io"));
        assertEquals(2, json.getJsonObject("realtime").getJsonObject("statuses").getInt("404"));
        JsonObject events = json.getJsonObject("events");
        assertEquals(4, events.getInt("probes"));
        JsonObject eventLatency = events.getJsonObject("latency_ms");
        assertEquals(76, eventLatency.getInt("count"));
        assertEquals(150.0, eventLatency.getJsonNumber("p50").doubleValue(), 1e-9);
        assertEquals(420.0, eventLatency.getJsonNumber("p95").doubleValue(), 1e-9);
        assertEquals(910.5, eventLatency.getJsonNumber("p99").doubleValue(), 1e-9);
        assertEquals(1200.0, eventLatency.getJsonNumber("max").doubleValue(), 1e-9);
        assertEquals(2, events.getInt("timeouts"));
        assertEquals(7, events.getInt("refused"));
        assertEquals(1, events.getInt("failed"));
        assertEquals(3_120, events.getInt("polls"));
        assertEquals(4, json.getJsonObject("plan").getInt("event_probes"));
        assertEquals(0.5, json.getJsonObject("plan").getJsonNumber("probe_interval_s").doubleValue(), 1e-12);
        assertEquals(0.01, json.getJsonObject("plan").getJsonNumber("probe_poll_s").doubleValue(), 1e-12);
        assertEquals(256L << 20, json.getJsonNumber("max_heap_bytes").longValue());
        assertEquals(1, json.getJsonObject("fleet").getInt("collars_reused"));
        assertFalse(json.getJsonObject("verification").getBoolean("complete"));
        assertEquals(19_999, json.getJsonObject("verification").getInt("present"));
        assertFalse(json.containsKey("copy"), "no COPY figure was measured");
    }

    @Test
    void aRunWithoutReadersProbesHeapErrorsOrClockWaitsSaysSo() {
        LoadReport quiet = new LoadReport(PLAN, fleet(), Duration.ofSeconds(1), 1, 0, 50, 0, 0, 0,
                new LoadReport.Latency(1, 1000, 1000, 1000, 1000), Map.of(), null, null, OptionalLong.empty(),
                new Acknowledgements(Duration.ofMillis(10), Map.of()), null, null);

        String text = ReportFormat.text(quiet);
        assertTrue(text.contains("errors      none\n"), text);
        assertTrue(text.contains("server heap not reported\n"), text);
        assertFalse(text.contains("realtime") || text.contains("events") || text.contains("verified")
                || text.contains("clock"), text);
        JsonObject json = parse(ReportFormat.json(quiet));
        assertFalse(json.containsKey("events"));
        assertTrue(json.isNull("max_heap_bytes"));
        assertTrue(json.getJsonObject("errors").isEmpty());
    }

    private static LoadReport report(LoadReport.Verification verification, CopyCeiling.Result copy) {
        return new LoadReport(PLAN, fleet(), Duration.ofSeconds(8), 420, 20, 20_000, 0, 50, 300,
                new LoadReport.Latency(400, 12_000, 40_000, 80_000, 120_500), Map.of("429", 15L, "503", 4L, "io", 1L),
                new LoadReport.Reads(new LoadReport.Latency(20, 2000, 3000, 4000, 5000), Map.of("200", 18L, "404", 2L)),
                new LoadReport.Events(4, new LoadReport.Latency(76, 150_000, 420_000, 910_500,
                        1_200_000), 2, 7, 1, 3_120),
                OptionalLong.of(256L << 20), new Acknowledgements(Duration.ofMillis(10), Map.of()), verification, copy);
    }

    private static Fleet fleet() {
        FleetFile.Collar one = new FleetFile.Collar("LD-000001", "pet-1", "s1", Instant.EPOCH, null);
        FleetFile.Collar two = new FleetFile.Collar("LD-000002", "pet-2", "s2", Instant.EPOCH, null);
        Fleet.Owner owner = new Fleet.Owner(new FleetFile.Owner("a@example.com", "a long passphrase", List.of(one, two)),
                "token", List.of(new Fleet.Collar(one, "t1"), new Fleet.Collar(two, "t2")));
        return new Fleet(List.of(owner), 0, 1, 1, 1);
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
