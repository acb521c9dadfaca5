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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.petty.cli.load.ScriptedServer.ok;
import static io.petty.cli.load.ScriptedServer.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator against a fake Petty that refuses, drops and closes now and then, as a real one under load may. */
class FleetSimulatorTest {

    @TempDir
    Path directory;

    private final AtomicInteger ingests = new AtomicInteger();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Map<String, AtomicInteger> exchanges = new ConcurrentHashMap<>();
    private final List<Ingest> received = new CopyOnWriteArrayList<>();

    /** One collar's readings as the fake server received them: stamped when, and when they arrived. */
    private record Ingest(String collarId, List<Instant> timestamps, Instant arrived) {
    }

    @Test
    void everyFailureIsCountedRetriedAndEveryAcknowledgedReadingReported() throws IOException {
        try (ScriptedServer petty = new ScriptedServer(this::answer)) {
            LoadPlan plan = new LoadPlan(petty.uri(), 2, 1, Duration.ofMillis(1), Duration.ofSeconds(1), 60, 2, false,
                    1, Duration.ofMillis(100), LoadPlan.Probes.NONE, directory.resolve("fleet.json"),
                    new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(10), 10), Duration.ofSeconds(5));

            LoadReport report = new FleetSimulator(LoadListener.SILENT, TestCollars.factory()).run(plan);

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
                    Duration.ofSeconds(1), LoadPlan.Probes.NONE, directory.resolve("fleet.json"), RetryPolicy.DEFAULT,
                    Duration.ofSeconds(1));

            LoadReport report = new FleetSimulator(LoadListener.SILENT, TestCollars.factory()).run(plan);

            assertTrue(report.errorCount("unreadable") > 0, report.errors().toString());
            assertEquals(0, report.acknowledged());
            assertEquals(report.errorCount("unreadable") * 5, report.givenUp());
        }
    }

    @Test
    void eachCollarsClockStartsOneIntervalAfterItsPairingOrItsNewestReadingWhicheverIsLater() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant pairedOnly = now.minus(Duration.ofHours(2)).plusNanos(123_456_789);
        Instant sentLast = now.minus(Duration.ofHours(1)).plusNanos(5_000);
        Instant pairedAgain = now.minus(Duration.ofMinutes(30)).plusNanos(7_000);
        try (ScriptedServer petty = new ScriptedServer(this::store)) {
            file().save(petty.uri(), FleetFile.Part.FLEET, List.of(
                    new FleetFile.Owner("a@example.com", "a long passphrase", List.of(
                            new FleetFile.Collar("LD-000001", "pet-1", "s1", pairedOnly, null),
                            new FleetFile.Collar("LD-000002", "pet-2", "s2", now.minus(Duration.ofHours(3)), sentLast),
                            // Paired again since its newest reading: what it sent before is the previous pet's.
                            new FleetFile.Collar("LD-000003", "pet-3", "s3", pairedAgain,
                                    now.minus(Duration.ofHours(2)))))));

            LoadReport report = new FleetSimulator(LoadListener.SILENT, TestCollars.factory()).run(plan(petty, 3, 10, Duration.ofMillis(1),
                    Duration.ofMillis(500), 3_000));

            assertEquals(3, report.fleet().collarsReused(), "the collars in the file are the ones that sent");
            assertEquals(pairedOnly.truncatedTo(ChronoUnit.MICROS).plusMillis(1), sent("LD-000001", received).get(0));
            assertEquals(sentLast.plusMillis(1), sent("LD-000002", received).get(0));
            assertEquals(pairedAgain.plusMillis(1), sent("LD-000003", received).get(0));
            assertEquals(0, report.clockWaits(), "clocks hours behind now never wait at 1 ms a reading");
        }
    }

    @Test
    void aCollarsReadingsAreOneIntervalApartAndOnlyEverNewerAcrossRuns() throws IOException {
        Duration interval = Duration.ofMillis(10);
        try (ScriptedServer petty = new ScriptedServer(this::store)) {
            LoadReport first = new FleetSimulator(LoadListener.SILENT, TestCollars.factory()).run(plan(petty, 2, 5, interval,
                    Duration.ofMillis(500), 0));
            Map<String, FleetFile.Collar> afterFirst = collarsInTheFile(petty);
            List<Ingest> firstRun = List.copyOf(received);
            LoadReport second = new FleetSimulator(LoadListener.SILENT, TestCollars.factory()).run(plan(petty, 2, 5, interval,
                    Duration.ofMillis(500), 0));
            Map<String, FleetFile.Collar> afterSecond = collarsInTheFile(petty);
            List<Ingest> secondRun = received.subList(firstRun.size(), received.size());

            assertEquals(2, first.fleet().collarsCreated());
            assertEquals(2, second.fleet().collarsReused());
            for (Map.Entry<String, FleetFile.Collar> collar : afterFirst.entrySet()) {
                List<Instant> one = sent(collar.getKey(), firstRun);
                List<Instant> two = sent(collar.getKey(), secondRun);
                assertTrue(!one.isEmpty() && !two.isEmpty(), collar.getKey() + " sent in both runs");
                assertEquals(collar.getValue().pairedAt().truncatedTo(ChronoUnit.MICROS).plus(interval), one.get(0),
                        "the first reading comes one interval after the pairing");
                assertOneIntervalApart(interval, one);
                assertEquals(last(one), collar.getValue().newestSent(), "the first run's newest is kept");
                assertEquals(last(one).plus(interval), two.get(0), "the second run carries on from the first");
                assertOneIntervalApart(interval, two);
                assertEquals(last(two), afterSecond.get(collar.getKey()).newestSent());
            }
        }
    }

    @Test
    void aCollarWhoseClockReachesNowWaitsForItRatherThanStampingTheFutureOrStopping() throws IOException {
        try (ScriptedServer petty = new ScriptedServer(this::store)) {
            // Freshly paired collars whose batch spans 500 ms of their clock: each batch must wait for it.
            LoadReport report = new FleetSimulator(LoadListener.SILENT, TestCollars.factory()).run(plan(petty, 2, 5, Duration.ofMillis(100),
                    Duration.ofSeconds(2), 0));

            for (Ingest ingest : received) {
                assertFalse(last(ingest.timestamps()).isAfter(ingest.arrived()), ingest + ": stamped ahead of now");
            }
            for (String collar : collarsInTheFile(petty).keySet()) {
                long batches = received.stream().filter(ingest -> ingest.collarId().equals(collar)).count();
                assertTrue(batches >= 2, collar + " sent " + batches + " batches: it stopped instead of waiting");
            }
            assertTrue(report.clockWaits() >= received.size(),
                    report.clockWaits() + " waits for " + received.size() + " batches: each waited for its clock");
            assertEquals(received.size() * 5L, report.acknowledged());
        }
    }

    @Test
    void eventProbesAreCollarsAndOwnersOfTheirOwnKeptForTheNextRunAndOutOfTheFleetsFigures() throws IOException {
        try (ScriptedServer petty = new ScriptedServer(this::store)) {
            LoadPlan plan = new LoadPlan(petty.uri(), 2, 5, Duration.ofMillis(1), Duration.ofMillis(500), 0, 2, false,
                    0, Duration.ofSeconds(1), new LoadPlan.Probes(2, Duration.ofMillis(50), Duration.ofMillis(10),
                    Duration.ofSeconds(5)),
                    directory.resolve("fleet.json"), RetryPolicy.DEFAULT, Duration.ofSeconds(5));

            LoadReport first = new FleetSimulator(LoadListener.SILENT, TestCollars.factory()).run(plan);
            List<FleetFile.Owner> probes = file().load(petty.uri(), FleetFile.Part.EVENT_PROBES);
            List<Ingest> firstRun = List.copyOf(received);
            LoadReport second = new FleetSimulator(LoadListener.SILENT, TestCollars.factory()).run(plan);

            assertEquals(2, probes.size());
            List<String> probeCollars = probes.stream().map(owner -> {
                assertEquals(1, owner.collars().size(), owner + " has a collar of its own");
                return owner.collars().get(0).collarId();
            }).toList();
            assertTrue(collarsInTheFile(petty).keySet().stream().noneMatch(probeCollars::contains),
                    "no probe is among the fleet's collars");
            for (LoadReport run : List.of(first, second)) {
                assertEquals(2, run.events().probes());
                assertTrue(run.events().samples() >= 2, run.events().toString());
                assertEquals(0, run.events().timeouts() + run.events().failed(), run.events().toString());
                assertEquals(2, run.fleet().collars().size(), "the probes are not in the fleet");
            }
            assertEquals(firstRun.stream().filter(ingest -> !probeCollars.contains(ingest.collarId()))
                    .mapToLong(ingest -> ingest.timestamps().size()).sum(), first.acknowledged(),
                    "the probes' readings are not among the fleet's");
            assertEquals(probes.stream().map(FleetFile.Owner::email).toList(), file().load(petty.uri(),
                    FleetFile.Part.EVENT_PROBES).stream().map(FleetFile.Owner::email).toList(), "reused");
            for (String probe : probeCollars) {
                List<Instant> one = sent(probe, firstRun);
                List<Instant> two = sent(probe, received.subList(firstRun.size(), received.size()));
                assertTrue(two.get(0).isAfter(last(one)), probe + ": the second run's readings come after the first's");
            }
        }
    }

    @Test
    void aCollarLeftUnusedForWeeksStartsNoFurtherBehindThanAWeekStillAfterItsPairingAndReadings() {
        Instant now = Instant.parse("2026-12-02T08:00:00.000001Z");
        Duration second = Duration.ofSeconds(1);
        FleetFile.Collar leftAlone = new FleetFile.Collar("LD-000001", "pet-1", "s1", now.minus(Duration.ofDays(40)),
                now.minus(Duration.ofDays(35)));
        FleetFile.Collar recent = new FleetFile.Collar("LD-000002", "pet-2", "s2", now.minus(Duration.ofDays(40)),
                now.minus(Duration.ofDays(3)));

        assertEquals(now.minus(FleetSimulator.MAX_CLOCK_LAG).plus(second),
                FleetSimulator.clockStart(leftAlone, second, now), "the server refuses readings older than 30 days");
        assertEquals(now.minus(Duration.ofDays(3)).plus(second), FleetSimulator.clockStart(recent, second, now));
    }

    private LoadPlan plan(ScriptedServer petty, int collars, int batch, Duration readingInterval, Duration duration,
                          double rate) {
        return new LoadPlan(petty.uri(), collars, batch, readingInterval, duration, rate, collars, false, 0,
                Duration.ofSeconds(1), LoadPlan.Probes.NONE, directory.resolve("fleet.json"), RetryPolicy.DEFAULT,
                Duration.ofSeconds(5));
    }

    private FleetFile file() {
        return new FleetFile(directory.resolve("fleet.json"), Clock.systemUTC());
    }

    private Map<String, FleetFile.Collar> collarsInTheFile(ScriptedServer petty) {
        return file().load(petty.uri(), FleetFile.Part.FLEET).stream()
                .flatMap(owner -> owner.collars().stream())
                .collect(Collectors.toMap(FleetFile.Collar::collarId, collar -> collar));
    }

    /** The timestamps a collar sent in these ingests, in the order they arrived. */
    private static List<Instant> sent(String collarId, List<Ingest> ingests) {
        return ingests.stream().filter(ingest -> ingest.collarId().equals(collarId))
                .flatMap(ingest -> ingest.timestamps().stream()).toList();
    }

    private static void assertOneIntervalApart(Duration interval, List<Instant> timestamps) {
        for (int k = 1; k < timestamps.size(); k++) {
            assertEquals(timestamps.get(k - 1).plus(interval), timestamps.get(k), "reading " + k + " of " + timestamps);
        }
    }

    private static Instant last(List<Instant> timestamps) {
        return timestamps.get(timestamps.size() - 1);
    }

    /** Stores every reading, and keeps which were sent when. */
    private ScriptedServer.Reply store(ScriptedServer.Request request) {
        if (!request.target().equals("/v1/ingest")) {
            return answer(request);
        }
        Instant arrived = Instant.now();
        JsonObject body = json(request);
        List<JsonObject> readings = body.containsKey("readings")
                ? body.getJsonArray("readings").getValuesAs(JsonObject.class) : List.of(body);
        received.add(new Ingest(readings.get(0).getString("collar_id"),
                readings.stream().map(reading -> Instant.parse(reading.getString("timestamp"))).toList(), arrived));
        return ok(201, IntStream.range(0, readings.size()).mapToObj(i -> "{\"index\":" + i + ",\"status\":\"stored\"}")
                .collect(Collectors.joining(",", "{\"results\":[", "]}")));
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
                return ok(201, "{\"collar_id\":\"" + json(request).getString("collar_id") + "\"}");
            case "POST /v1/auth/device-token":
                String collar = json(request).getString("collar_id");
                int exchange = exchanges.computeIfAbsent(collar, c -> new AtomicInteger()).incrementAndGet();
                return ok(200, "{\"access_token\":\"device-" + collar + "-" + exchange + "\"}");
            case "POST /v1/ingest":
                return ingest(request);
            case "GET /v1/pet-timeline":
                return timeline(request);
            case "GET /v1/realtime":
                return raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
            case "GET /metrics":
                return raw("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2E\r\nmemory_usedHeap_bytes{mp_scope=\"base\",} 1.5E8\n\r\n0\r\n\r\n");
            default:
                return ok(404, "{}");
        }
    }

    /** The session the collar's newest batch started, once it has sent one. */
    private ScriptedServer.Reply timeline(ScriptedServer.Request request) {
        String collar = request.target().replaceAll(".*collar_id=([^&]*).*", "$1");
        String events = received.stream().filter(ingest -> ingest.collarId().equals(collar))
                .reduce((earlier, later) -> later)
                .map(ingest -> "{\"behavior\":\"Walk\",\"start\":\"" + ingest.timestamps().get(0) + "\"}").orElse("");
        return ok(200, "{\"timeline\":[" + events + "]}");
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
