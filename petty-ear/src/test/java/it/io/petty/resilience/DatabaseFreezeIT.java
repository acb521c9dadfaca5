package it.io.petty.resilience;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL frozen (SIGSTOP: connections open, port accepting, no answer) for 20 s while collars send readings: no
 * request waits more than 3 s (each gets its answer, a 503 while frozen), nothing acknowledged is lost, and ingest is
 * served again within 10 s of the database returning. Runs against the embedded database only.
 */
class DatabaseFreezeIT {

    private static final String DATA_DIR = System.getProperty("petty.test.embedded-db.dir", "");
    private static final Duration FROZEN = Duration.ofSeconds(20);
    private static final int COLLARS = 8;

    @Test
    void aFrozenDatabaseCostsARequestAtMostThreeSecondsAndLosesNothingAcknowledged() throws Exception {
        assumeTrue(!DATA_DIR.isBlank(), "needs the embedded database, which this test freezes");
        PostgresControl postgres = new PostgresControl(Path.of(DATA_DIR));
        List<Fleet.Collar> collars = new ArrayList<>();
        for (int i = 0; i < COLLARS; i++) {
            collars.add(Fleet.newCollar());
        }
        Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
        AtomicLong longestMillis = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicReference<Instant> thawed = new AtomicReference<>();
        AtomicReference<Instant> servedAgain = new AtomicReference<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Instant start = recent().minusSeconds(300);
        ExecutorService senders = Executors.newFixedThreadPool(COLLARS);
        List<Future<?>> running = new ArrayList<>();
        try {
            // Each collar sends a reading a second (within its ingest rate), its timestamps one second apart.
            for (Fleet.Collar collar : collars) {
                running.add(senders.submit(() -> {
                    for (int second = 0; sending.get(); second++) {
                        Instant sent = Instant.now();
                        HttpResponse<String> answer = postJson("/v1/ingest",
                                reading(collar.id(), start.plusSeconds(second)), collar.deviceToken());
                        long took = Duration.between(sent, Instant.now()).toMillis();
                        longestMillis.accumulateAndGet(took, Math::max);
                        if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                            acknowledged.computeIfAbsent(collar.id(), id -> new AtomicLong()).incrementAndGet();
                            if (thawed.get() != null) {
                                servedAgain.compareAndSet(null, Instant.now());
                            }
                        } else {
                            assertEquals(503, answer.statusCode(), answer.body());
                            assertTrue(answer.headers().firstValue("Retry-After").isPresent());
                            refused.incrementAndGet();
                        }
                        Thread.sleep(Math.max(0, 1_000 - took));
                    }
                    return null;
                }));
            }
            Thread.sleep(3_000);
            postgres.freeze();
            try {
                Thread.sleep(FROZEN.toMillis());
            } finally {
                postgres.thaw();
                thawed.set(Instant.now());
            }
            Instant deadline = thawed.get().plusSeconds(30);
            while (servedAgain.get() == null && Instant.now().isBefore(deadline)) {
                PettyHttp.pause();
            }
            Thread.sleep(2_000);
        } finally {
            sending.set(false);
            for (Future<?> sender : running) {
                sender.get();
            }
            senders.shutdown();
        }

        assertTrue(refused.get() > 0, "the freeze was felt: some requests got 503");
        assertTrue(longestMillis.get() < 3_000, "a request waited " + longestMillis.get() + " ms");
        assertTrue(servedAgain.get() != null && Duration.between(thawed.get(), servedAgain.get()).toSeconds() < 10,
                "ingest served again " + (servedAgain.get() == null ? "never" : Duration.between(thawed.get(),
                        servedAgain.get())) + " after the database returned");
        PettyHttp.awaitReady(Duration.ofSeconds(30));
        for (Fleet.Collar collar : collars) {
            long sent = acknowledged.getOrDefault(collar.id(), new AtomicLong()).get();
            assertTrue(TestDatabase.countReadings(collar.id()) >= sent, collar.id() + ": " + sent
                    + " acknowledged, " + TestDatabase.countReadings(collar.id()) + " stored");
        }
    }
}
