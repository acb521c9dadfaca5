package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import static io.petty.cli.load.ScriptedServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One event probe against a fake Petty whose timeline shows the probe's sessions when the test says. */
@Timeout(30)
class EventProbeTest {

    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 4);
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final long MS = 1_000_000;
    private static final Instant PAIRED = Instant.parse("2026-12-02T08:00:00.123456Z");

    @TempDir
    Path directory;

    /** The probe's batches as the fake received them, in order. */
    private final List<Batch> batches = new CopyOnWriteArrayList<>();
    private final List<ScriptedServer.Request> polls = new CopyOnWriteArrayList<>();
    private HttpConnections connections;

    private record Batch(List<JsonObject> readings, Instant arrived) {
        Instant first() {
            return timestamp(0);
        }

        Instant timestamp(int reading) {
            return Instant.parse(readings.get(reading).getString("timestamp"));
        }

        int activity() {
            return readings.get(0).getInt("activity_level");
        }
    }

    @AfterEach
    void closeConnections() {
        if (connections != null) {
            connections.close();
        }
    }

    @Test
    void theLatencyRunsFromTheIngestsAnswerToTheFirstTimelineAnswerShowingTheSession() throws Exception {
        // The fake's time: the ingest takes 1 s, each poll 50 ms; the session shows in the fourth answer.
        AtomicLong nanos = new AtomicLong(1_000 * MS);
        try (ScriptedServer petty = new ScriptedServer(request -> {
            if (isIngest(request)) {
                nanos.addAndGet(1_000 * MS);
                return stored(request);
            }
            nanos.addAndGet(50 * MS);
            polls.add(request);
            Instant started = lastBatch().first();
            // An earlier session first: the probe waits for the one its readings started.
            return polls.size() < 4 ? timeline(started.minusSeconds(1)) : timeline(started.minusSeconds(1), started);
        })) {
            EventProbe probe = probe(petty, pairing(null), LIMIT, Clock.systemUTC(), nanos::get);

            probe.sample(nanos.get() + TimeUnit.HOURS.toNanos(1));

            assertEquals(1, probe.latency().getTotalCount());
            assertTrue(probe.latency().valuesAreEquivalent(200_000, probe.latency().getMaxValue()),
                    "four polls of 50 ms after the ingest's answer: " + probe.latency().getMaxValue() + " µs");
            assertEquals(4, polls.size(), "no poll once the session showed");
            assertEquals(4, probe.polls());
            assertEquals("/v1/pet-timeline?collar_id=LD-000001&date=" + lastBatch().first().atZone(ZoneOffset.UTC)
                    .toLocalDate(), polls.get(0).target());
            assertEquals("Bearer owner-token", polls.get(0).headers().get("authorization"));
            assertEquals(0, probe.timeouts() + probe.refused() + probe.failed());
        }
    }

    @Test
    void aTimelineThatNeverShowsTheSessionIsATimeoutOnceTheLimitHasPassedPolledAPauseApart() throws Exception {
        try (ScriptedServer petty = new ScriptedServer(request -> {
            if (isIngest(request)) {
                return stored(request);
            }
            polls.add(request);
            return timeline(lastBatch().first().minusSeconds(1));
        })) {
            EventProbe probe = probe(petty, pairing(null), Duration.ofMillis(200), Clock.systemUTC(), System::nanoTime);
            long started = System.nanoTime();

            probe.sample(started + TimeUnit.HOURS.toNanos(1));

            long took = System.nanoTime() - started;
            assertEquals(1, probe.timeouts());
            assertEquals(0, probe.latency().getTotalCount());
            assertTrue(took >= 200 * MS, "waited out the limit: " + took / MS + " ms");
            assertTrue(polls.size() >= 2 && polls.size() <= 21,
                    polls.size() + " polls in 200 ms: one every 10 ms or so, no busy loop");
        }
    }

    @Test
    void refusalsAreCountedAndSentAgainAndTheSampleStartsAtTheAnswerThatStoredTheReadings() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000 * MS);
        AtomicInteger ingests = new AtomicInteger();
        try (ScriptedServer petty = new ScriptedServer(request -> {
            if (isIngest(request)) {
                nanos.addAndGet(1_000 * MS);
                return ingests.incrementAndGet() == 1 ? ok(503, "{}", "Retry-After: 1") : stored(request);
            }
            nanos.addAndGet(50 * MS);
            polls.add(request);
            return polls.size() < 3 ? ok(429, "{}", "Retry-After: 1") : timeline(lastBatch().first());
        })) {
            EventProbe probe = probe(petty, pairing(null), LIMIT, Clock.systemUTC(), nanos::get);

            probe.sample(nanos.get() + TimeUnit.HOURS.toNanos(1));

            assertEquals(3, probe.refused(), "one ingest and two polls");
            List<String> sent = petty.requests().stream().filter(EventProbeTest::isIngest)
                    .map(ScriptedServer.Request::body).toList();
            assertEquals(2, sent.size());
            assertEquals(sent.get(0), sent.get(1), "the same readings sent again");
            assertEquals(1, probe.latency().getTotalCount(), "refusals are not samples");
            assertTrue(probe.latency().valuesAreEquivalent(150_000, probe.latency().getMaxValue()),
                    "from the 201, not the 503: " + probe.latency().getMaxValue() + " µs");
            assertEquals(0, probe.timeouts() + probe.failed());
        }
    }

    @Test
    void anExpiredOwnerTokenIsRenewedOnceAndThePollingGoesOn() throws Exception {
        try (ScriptedServer petty = new ScriptedServer(request -> {
            if (isIngest(request)) {
                return stored(request);
            }
            if (request.target().equals("/v1/auth/token")) {
                return ok(200, "{\"access_token\":\"owner-token-2\"}");
            }
            polls.add(request);
            return request.headers().get("authorization").equals("Bearer owner-token") ? ok(401, "{}")
                    : timeline(lastBatch().first());
        })) {
            EventProbe probe = probe(petty, pairing(null), LIMIT, Clock.systemUTC(), System::nanoTime);

            probe.sample(System.nanoTime() + TimeUnit.HOURS.toNanos(1));

            assertEquals(1, probe.latency().getTotalCount());
            assertEquals(List.of("Bearer owner-token", "Bearer owner-token-2"),
                    polls.stream().map(poll -> poll.headers().get("authorization")).toList());
            assertEquals(0, probe.failed());
        }
    }

    @Test
    void aBatchWhoseReadingsTheServerRefusesFailsAtOnceWithoutWaitingForASession() throws Exception {
        try (ScriptedServer petty = new ScriptedServer(request -> {
            if (isIngest(request)) {
                batches.add(new Batch(readings(request), Instant.now()));
                return ok(201, "{\"results\":[{\"index\":0,\"status\":\"stored\"},{\"index\":1,\"status\":\"rejected\"}]}");
            }
            polls.add(request);
            return timeline();
        })) {
            EventProbe probe = probe(petty, pairing(null), LIMIT, Clock.systemUTC(), System::nanoTime);

            probe.sample(System.nanoTime() + TimeUnit.HOURS.toNanos(1));

            assertEquals(1, probe.failed());
            assertEquals(0, probe.timeouts() + probe.latency().getTotalCount());
            assertTrue(polls.isEmpty(), "a refused reading starts no session");
        }
    }

    @Test
    void batchesAreTwoReadingsAMillisecondApartStampedNowEachOfAnotherActivityThanTheOneBefore() throws Exception {
        try (ScriptedServer petty = new ScriptedServer(showingEachSession())) {
            EventProbe probe = probe(petty, pairing(null), LIMIT, Clock.systemUTC(), System::nanoTime);
            long now = System.nanoTime();

            probe.run(now, now + 300 * MS, now + 5_000 * MS);

            assertTrue(batches.size() >= 4, batches.size() + " batches in 300 ms, 50 ms apart");
            assertEquals(CollarSimulation.State.RESTING.ordinal(), batches.get(0).activity(),
                    "the untimed batch that ends any session");
            for (int k = 0; k < batches.size(); k++) {
                Batch batch = batches.get(k);
                assertEquals(2, batch.readings().size());
                assertEquals(batch.activity(), batch.readings().get(1).getInt("activity_level"));
                assertEquals(batch.first().plusMillis(1), batch.timestamp(1));
                // Now, or (the timed batch right after the untimed one) a millisecond after the batch before.
                assertFalse(batch.first().isAfter(batch.arrived().plusMillis(2)), "stamped ahead of now: " + batch);
                assertTrue(Duration.between(batch.first(), batch.arrived()).compareTo(Duration.ofSeconds(1)) < 0,
                        "stamped now: " + batch);
                if (k > 0) {
                    Batch previous = batches.get(k - 1);
                    assertTrue(batch.activity() == CollarSimulation.State.WALKING.ordinal()
                            || batch.activity() == CollarSimulation.State.PLAYING.ordinal());
                    assertTrue(batch.activity() != previous.activity(), "batch " + k + " starts a session");
                    assertTrue(batch.first().isAfter(previous.timestamp(1)), "batch " + k + " after the one before");
                }
            }
            assertEquals(batches.size() - 1, probe.latency().getTotalCount(), "every batch but the first is timed");
            assertEquals(batches.get(batches.size() - 1).timestamp(1), probe.newestSent());
        }
    }

    @Test
    void aClockBehindTheCollarsNewestReadingStillStampsEveryBatchAfterIt() throws Exception {
        // An earlier run's newest reading, 2 s ahead of this clock (stepped back, or another machine's).
        Clock behind = Clock.fixed(PAIRED.plusSeconds(60), ZoneOffset.UTC);
        Instant newest = Instant.parse("2026-12-02T08:01:02.123856Z");
        Instant next = Instant.parse("2026-12-02T08:01:02.124Z");
        try (ScriptedServer petty = new ScriptedServer(showingEachSession())) {
            EventProbe probe = probe(petty, pairing(newest), LIMIT, behind, System::nanoTime);

            for (int k = 0; k < 3; k++) {
                probe.sample(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
            }

            assertEquals(List.of(next, next.plusMillis(1), next.plusMillis(2), next.plusMillis(3), next.plusMillis(4),
                            next.plusMillis(5)),
                    batches.stream().flatMap(batch -> List.of(batch.first(), batch.timestamp(1)).stream()).toList());
            assertEquals(3, probe.latency().getTotalCount());
        }
    }

    @Test
    void aFirstReadingNeverPrecedesThePairingEvenInItsMillisecond() throws Exception {
        Clock atThePairing = Clock.fixed(PAIRED, ZoneOffset.UTC);
        try (ScriptedServer petty = new ScriptedServer(showingEachSession())) {
            EventProbe probe = probe(petty, pairing(null), LIMIT, atThePairing, System::nanoTime);

            probe.sample(System.nanoTime() + TimeUnit.HOURS.toNanos(1));

            assertEquals(Instant.parse("2026-12-02T08:00:00.124Z"), batches.get(0).first(),
                    "the server refuses readings older than the pairing, at .123456");
        }
    }

    @Test
    void aBatchThatWouldSpanMidnightStartsTheNewDay() throws Exception {
        Clock lastMillisecond = Clock.fixed(Instant.parse("2026-12-02T23:59:59.999Z"), ZoneOffset.UTC);
        try (ScriptedServer petty = new ScriptedServer(showingEachSession())) {
            EventProbe probe = probe(petty, pairing(null), LIMIT, lastMillisecond, System::nanoTime);

            probe.sample(System.nanoTime() + TimeUnit.HOURS.toNanos(1));

            assertEquals(Instant.parse("2026-12-03T00:00:00Z"), batches.get(0).first(),
                    "each day is analysed on its own: a reading either side of midnight makes no session");
            assertTrue(polls.get(0).target().endsWith("&date=2026-12-03"), polls.get(0).target());
            assertEquals(1, probe.latency().getTotalCount());
        }
    }

    @Test
    void onlyAnEventOfTheTimelineStartingThenIsTheSession() {
        Instant start = Instant.parse("2026-12-02T08:00:01.500Z");
        String elsewhere = "{\"timeline\":[{\"start\":\"2026-12-02T08:00:01.499Z\",\"metadata\":{\"start\":\""
                + start + "\"}}],\"alerts\":[{\"start\":\"" + start + "\"}],\"start\":\"" + start + "\"}";
        String there = "{\"collar_id\":\"LD-000001\",\"timeline\":[{\"start\":\"2026-12-02T08:00:00Z\"},"
                + "{\"behavior\":\"Play\",\"start\":\"2026-12-02T08:00:01.5Z\",\"metadata\":{\"ongoing\":true}}]}";

        assertFalse(EventProbe.shows(elsewhere, start), elsewhere);
        assertTrue(EventProbe.shows(there, start), "the same instant however many digits it is written with");
    }

    private EventProbe probe(ScriptedServer petty, FleetFile.Collar pairing, Duration limit, Clock clock,
                             LongSupplier nanoTime) {
        connections = new HttpConnections(petty.uri(), Duration.ofSeconds(5));
        Fleet.Owner owner = new Fleet.Owner(new FleetFile.Owner("p@example.com", "a probe's passphrase",
                List.of(pairing)), "owner-token", List.of(new Fleet.Collar(pairing, "device-token")));
        Provisioner provisioner = new Provisioner(new PettyApi(connections, QUICK), TestCollars.factory(),
                new FleetFile(directory.resolve("fleet.json"), clock), LoadListener.SILENT, clock);
        return new EventProbe(owner, connections.open(), new LoadPlan.Probes(1, Duration.ofMillis(50),
                Duration.ofMillis(10), limit),
                provisioner, clock, nanoTime, 42);
    }

    private static FleetFile.Collar pairing(Instant newestSent) {
        return new FleetFile.Collar("LD-000001", "pet-1", "secret", PAIRED, newestSent);
    }

    /** Stores every batch, and shows each batch's session from the first poll after it on. */
    private Function<ScriptedServer.Request, ScriptedServer.Reply> showingEachSession() {
        return request -> {
            if (isIngest(request)) {
                return stored(request);
            }
            polls.add(request);
            return timeline(batches.stream().map(Batch::first).toArray(Instant[]::new));
        };
    }

    private Batch lastBatch() {
        return batches.get(batches.size() - 1);
    }

    private static boolean isIngest(ScriptedServer.Request request) {
        return request.target().equals("/v1/ingest");
    }

    private ScriptedServer.Reply stored(ScriptedServer.Request request) {
        List<JsonObject> readings = readings(request);
        batches.add(new Batch(readings, Instant.now()));
        return ok(201, readings.stream().map(reading -> "{\"index\":" + readings.indexOf(reading)
                + ",\"status\":\"stored\"}").collect(Collectors.joining(",", "{\"stored\":2,\"results\":[", "]}")));
    }

    private static List<JsonObject> readings(ScriptedServer.Request request) {
        try (JsonReader reader = Json.createReader(new StringReader(request.body()))) {
            return reader.readObject().getJsonArray("readings").getValuesAs(JsonObject.class);
        }
    }

    /** A day's timeline with a session starting at each of these instants. */
    private static ScriptedServer.Reply timeline(Instant... starts) {
        StringBuilder events = new StringBuilder();
        for (Instant start : starts) {
            events.append(events.isEmpty() ? "" : ",").append("{\"event_id\":\"e\",\"behavior\":\"Walk\",\"start\":\"")
                    .append(start).append("\",\"end\":\"").append(start.plusMillis(1)).append("\",\"timestamp\":\"")
                    .append(start).append("\",\"confidence\":0.5,\"source\":\"rules\",\"metadata\":{\"ongoing\":true}}");
        }
        return ok(200, "{\"collar_id\":\"LD-000001\",\"timeline\":[" + events + "],\"alerts\":[]}");
    }
}
