package it.io.petty.resilience;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.ServerLog;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL failing while collars send readings (8 collars, a reading a second each): stopped (connections refused)
 * and, separately, frozen (SIGSTOP: connections open, port accepting, no answer) for 20 s; and every pooled connection
 * taken. No request waits more than 3 s: each gets its answer, a 503 with {@code Retry-After} while the database is
 * away — at once once the circuit to the database is open. Readiness is DOWN while the circuit is open and UP again by
 * itself; ingest is served again within 10 s of the database returning; nothing acknowledged is lost. Runs against
 * the embedded database only.
 */
class DatabaseFaultsIT {

    private static final String DATA_DIR = System.getProperty("petty.test.embedded-db.dir", "");
    private static final Duration AWAY = Duration.ofSeconds(20);
    private static final int COLLARS = 8;
    /** Liberty's message when no pooled connection came free within the pool's wait (1 s). */
    private static final String POOL_EMPTY = "J2CA0045E";

    private static final String DATABASE_UNAVAILABLE = "https://petty.io/problems/database-unavailable";
    private static final String OVERLOADED = "https://petty.io/problems/overloaded";

    private PostgresControl postgres;

    @BeforeEach
    void embeddedDatabase() throws Exception {
        assumeTrue(!DATA_DIR.isBlank(), "needs the embedded database, which this test stops and freezes");
        postgres = new PostgresControl(Path.of(DATA_DIR));
        PettyHttp.awaitReady(Duration.ofSeconds(30));
    }

    @Test
    void aFrozenDatabaseCostsARequestAtMostThreeSecondsAndLosesNothingAcknowledged() throws Exception {
        CollarLoad load = new CollarLoad();
        try (load) {
            Thread.sleep(3_000);
            postgres.freeze();
            try {
                Thread.sleep(AWAY.toMillis() / 2);
                assertCircuitOpenAndNotReady();
                Thread.sleep(AWAY.toMillis() / 2);
            } finally {
                postgres.thaw();
                load.databaseReturned();
            }
            load.awaitServedAgain();
        }
        load.assertWithstood();
        assertTrue(load.refusedAtOnce.get() > 0, "the open circuit refused requests at once, "
                + "instead of each waiting for the frozen database");
    }

    @Test
    void aStoppedDatabaseCostsARequestAtMostThreeSecondsAndEachFailureIsLoggedWithItsIds() throws Exception {
        CollarLoad load = new CollarLoad();
        long logFrom = ServerLog.size();
        try (load) {
            Thread.sleep(3_000);
            postgres.stop();
            try {
                Thread.sleep(AWAY.toMillis() / 2);
                JsonObject check = assertCircuitOpenAndNotReady();
                assertFalse(check.getJsonObject("data").getBoolean("reachable"));
                assertEquals(200, get("/health/live").statusCode(), "a restart would not bring the database back");
                Thread.sleep(AWAY.toMillis() / 2);
            } finally {
                postgres.start();
                load.databaseReturned();
            }
            load.awaitServedAgain();
        }
        load.assertWithstood();

        // Each failure before the circuit opened is one WARNING line naming the request and the client's trace.
        List<JsonObject> failures = ServerLog.entries(ServerLog.since(logFrom)).stream()
                .filter(entry -> entry.getString("message", "").contains("failed on the database")).toList();
        assertFalse(failures.isEmpty(), "no request's failure was logged");
        for (JsonObject failure : failures) {
            String requestId = failure.getString("ext_requestId", "");
            assertEquals(load.traceIds.get(requestId), failure.getString("ext_traceId", "none"), failure.toString());
        }
        assertTrue(ServerLog.entries(ServerLog.since(logFrom)).stream()
                        .anyMatch(entry -> entry.getString("message", "").contains("circuit to the database opened")),
                "the circuit's opening is logged");
    }

    @Test
    void everyPooledConnectionTakenCostsA503NotMinutes() throws Exception {
        Fleet.Owner owner = Fleet.newOwner();
        UUID pet = Fleet.newPet(owner);
        int requests = 60;
        List<long[]> answers = new ArrayList<>();
        long logFrom = ServerLog.size();
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try (Connection locker = TestDatabase.connect(); Statement lock = locker.createStatement()) {
            // Every request reading pets waits on this lock holding its pooled connection (the test server has 24).
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE pet IN ACCESS EXCLUSIVE MODE");
            List<Future<long[]>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                sent.add(clients.submit(() -> {
                    Instant start = Instant.now();
                    HttpResponse<String> answer = PettyHttp.send(ownConnection("/v1/pets/" + pet)
                            .header("Authorization", "Bearer " + owner.accessToken()).GET());
                    long took = Duration.between(start, Instant.now()).toMillis();
                    if (answer.statusCode() == 503) {
                        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.body());
                    }
                    return new long[] {answer.statusCode(), took};
                }));
            }
            for (Future<long[]> answer : sent) {
                answers.add(answer.get());
            }
            locker.rollback();
        } finally {
            clients.shutdown();
        }
        String seen = answers.stream().map(answer -> answer[0] + ":" + answer[1]).sorted().toList().toString();
        for (long[] answer : answers) {
            assertTrue(answer[0] == 503 || answer[0] == 200, "status " + answer[0] + ": " + seen);
            // Each wait is bounded, not the request: it takes connections twice (its rate limit, the pet), and each
            // time may wait 1 s for one and 2 s for an answer, after its turn for one of the 32 request threads.
            assertTrue(answer[1] < 10_000, "a request waited " + answer[1] + " ms: " + seen);
        }
        assertTrue(ServerLog.since(logFrom).contains(POOL_EMPTY), "no request found the pool empty: " + seen);
        PettyHttp.awaitReady(Duration.ofSeconds(10));
    }

    @Test
    void aStatementStuckInJpaCostsTheRequestItsBoundNotTheSocketsMinute() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        ScheduledExecutorService release = Executors.newSingleThreadScheduledExecutor();
        try (Connection locker = TestDatabase.connect(); Statement lock = locker.createStatement()) {
            // The timeline finds the pet through JDBC, then reads its events through JPA: that read waits on the lock.
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE behavior_event IN ACCESS EXCLUSIVE MODE");
            release.schedule(() -> {
                locker.rollback();
                return null;
            }, 8, TimeUnit.SECONDS);
            Instant start = Instant.now();
            HttpResponse<String> timeline = get("/v1/pet-timeline?collar_id=" + collar.id(),
                    collar.owner().accessToken());
            long took = Duration.between(start, Instant.now()).toMillis();
            assertEquals(503, timeline.statusCode(), timeline.body());
            assertEquals(DATABASE_UNAVAILABLE, json(timeline).getString("type"));
            assertTrue(took < 3_000, "the timeline waited " + took + " ms");
        } finally {
            release.shutdownNow();
        }
        PettyHttp.awaitReady(Duration.ofSeconds(10));
    }

    /**
     * A request on a connection of its own, as each collar or phone has: over one HTTP/2 connection (the client's
     * default) Liberty writes the answers of concurrent streams one after another, which would be measured instead.
     */
    private static HttpRequest.Builder ownConnection(String path) {
        return PettyHttp.request(path).version(HttpClient.Version.HTTP_1_1);
    }

    /** Readiness while the database is away, once enough requests have failed: DOWN, because the circuit is open. */
    private static JsonObject assertCircuitOpenAndNotReady() {
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        JsonObject check = json(ready).getJsonArray("checks").getJsonObject(0);
        assertEquals("open", check.getJsonObject("data").getString("circuit"), check.toString());
        return check;
    }

    /**
     * Collars each sending a reading a second (within their ingest rate), timestamps a second apart, every request
     * with its own request id and trace; what each answer was and how long it took.
     */
    private static final class CollarLoad implements AutoCloseable {

        private final List<Fleet.Collar> collars = new ArrayList<>();
        private final Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
        private final Map<String, String> traceIds = new ConcurrentHashMap<>();
        private final AtomicLong longestMillis = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final AtomicLong refusedAtOnce = new AtomicLong();
        private final AtomicReference<Instant> returned = new AtomicReference<>();
        private final AtomicReference<Instant> servedAgain = new AtomicReference<>();
        private final AtomicBoolean sending = new AtomicBoolean(true);
        private final ExecutorService senders = Executors.newFixedThreadPool(COLLARS);
        private final List<Future<?>> running = new ArrayList<>();

        CollarLoad() {
            Instant start = recent().minusSeconds(300);
            for (int i = 0; i < COLLARS; i++) {
                collars.add(Fleet.newCollar());
            }
            for (Fleet.Collar collar : collars) {
                running.add(senders.submit(() -> {
                    for (int second = 0; sending.get(); second++) {
                        send(collar, start.plusSeconds(second));
                    }
                    return null;
                }));
            }
        }

        private void send(Fleet.Collar collar, Instant at) throws InterruptedException {
            String requestId = "load-" + UUID.randomUUID();
            String traceId = UUID.randomUUID().toString().replace("-", "");
            traceIds.put(requestId, traceId);
            Instant sent = Instant.now();
            HttpResponse<String> answer = PettyHttp.send(ownConnection("/v1/ingest")
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + collar.deviceToken())
                    .header("X-Request-ID", requestId)
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .POST(HttpRequest.BodyPublishers.ofString(reading(collar.id(), at))));
            long took = Duration.between(sent, Instant.now()).toMillis();
            longestMillis.accumulateAndGet(took, Math::max);
            if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                acknowledged.computeIfAbsent(collar.id(), id -> new AtomicLong()).incrementAndGet();
                if (returned.get() != null) {
                    servedAgain.compareAndSet(null, Instant.now());
                }
            } else {
                assertEquals(503, answer.statusCode(), answer.body());
                // The database's, or the ingest gate's: its permits are held by requests waiting for the database.
                String type = json(answer).getString("type");
                assertTrue(Set.of(DATABASE_UNAVAILABLE, OVERLOADED).contains(type), answer.body());
                assertTrue(Integer.parseInt(answer.headers().firstValue("Retry-After").orElseThrow()) > 0);
                refused.incrementAndGet();
                if (type.equals(DATABASE_UNAVAILABLE) && took < 300) {
                    refusedAtOnce.incrementAndGet();
                }
            }
            Thread.sleep(Math.max(0, 1_000 - took));
        }

        void databaseReturned() {
            returned.set(Instant.now());
        }

        void awaitServedAgain() throws InterruptedException {
            Instant deadline = returned.get().plusSeconds(30);
            while (servedAgain.get() == null && Instant.now().isBefore(deadline)) {
                PettyHttp.pause();
            }
            Thread.sleep(2_000);
        }

        @Override
        public void close() throws Exception {
            sending.set(false);
            try {
                for (Future<?> sender : running) {
                    sender.get();
                }
            } finally {
                senders.shutdown();
            }
        }

        void assertWithstood() {
            assertTrue(refused.get() > 0, "the fault was felt: some requests got 503");
            assertTrue(longestMillis.get() < 3_000, "a request waited " + longestMillis.get() + " ms");
            assertTrue(servedAgain.get() != null && Duration.between(returned.get(), servedAgain.get())
                    .toSeconds() < 10, "ingest served again " + (servedAgain.get() == null ? "never"
                    : Duration.between(returned.get(), servedAgain.get())) + " after the database returned");
            PettyHttp.awaitReady(Duration.ofSeconds(10));
            for (Fleet.Collar collar : collars) {
                long sent = acknowledged.getOrDefault(collar.id(), new AtomicLong()).get();
                long stored = TestDatabase.countReadings(collar.id());
                assertTrue(stored >= sent, collar.id() + ": " + sent + " acknowledged, " + stored + " stored");
            }
        }
    }
}
