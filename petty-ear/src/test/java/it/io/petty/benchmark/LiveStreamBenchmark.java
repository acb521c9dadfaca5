package it.io.petty.benchmark;

import it.io.petty.Fleet;
import it.io.petty.LoadRun;
import it.io.petty.PettyHttp;
import it.io.petty.Readings;
import it.io.petty.resilience.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event streams at scale, against the test server: {@code petty.bench.streams} streams (5,000) over
 * {@code petty.bench.pets} pets, the server's heap and threads before and after they are open, and the delivery of an
 * alert to all of them (from the reading's POST to each stream's receipt: p50, p99, max); then the same from a few
 * probe pets' readings while {@code petty load} sends batches at full speed for a minute, its first 20 s (a new fleet
 * on a cold server) reported apart from the rest. Not an *IT: run on purpose with
 * {@code docs/bench-streams.sh}, which lifts the per-account stream cap and the test server's ingest limits.
 */
class LiveStreamBenchmark {

    private static final int STREAMS = Integer.getInteger("petty.bench.streams", 5_000);
    private static final int PETS = Integer.getInteger("petty.bench.pets", 50);
    private static final int ROUNDS = Integer.getInteger("petty.bench.rounds", 5);
    private static final Duration UNDER_LOAD = Duration.ofSeconds(Long.getLong("petty.bench.load-seconds", 60));
    /**
     * The first part of the load, reported apart: a cold server meeting a new fleet (every collar's first unit read
     * back from the database, code not yet compiled), before the steady state the rest measures.
     */
    private static final Duration LOAD_WARM_UP = Duration.ofSeconds(20);
    private static final int PROBES = 10;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** When each probe reading was posted, by its timestamp as the alert's data shows it. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private volatile Histogram latencies = new ConcurrentHistogram(60_000_000L, 3);
    /** Latencies of the readings posted before {@link #steadyFrom} ({@link System#nanoTime()}): the warm-up's. */
    private volatile Histogram warmUp = new ConcurrentHistogram(60_000_000L, 3);
    private volatile long steadyFrom = Long.MIN_VALUE;
    private final AtomicLong received = new AtomicLong();
    /** Data lines of any event, and the first of them: what the streams carried, when nothing matched. */
    private final AtomicLong dataLines = new AtomicLong();
    private volatile String firstData;

    @Test
    void thousandsOfStreamsAndTheirDelivery() throws Exception {
        PettyHttp.awaitReady(Duration.ofSeconds(120));
        List<Fleet.Collar> pets = new ArrayList<>();
        for (int i = 0; i < PETS; i++) {
            pets.add(Fleet.newCollar());
        }
        ServerStats before = ServerStats.now();
        CountDownLatch open = new CountDownLatch(STREAMS);
        for (int i = 0; i < STREAMS; i++) {
            Fleet.Collar pet = pets.get(i % PETS);
            HttpRequest request = HttpRequest.newBuilder(URI.create(PettyHttp.BASE + "/v1/pets/" + pet.petId()
                    + "/events")).header("Authorization", "Bearer " + pet.owner().accessToken()).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(open)));
        }
        assertTrue(open.await(120, TimeUnit.SECONDS), "streams open: " + (STREAMS - open.getCount()));
        System.gc();
        Thread.sleep(2_000);
        ServerStats after = ServerStats.now();
        System.out.printf(Locale.ROOT, "STREAMS %,d open over %d pets | server before: %s | with them: %s%n",
                STREAMS, PETS, before, after);

        Instant at = Readings.recent().minus(10, ChronoUnit.MINUTES);
        for (int round = 0; round < ROUNDS; round++) {
            latencies = new ConcurrentHistogram(60_000_000L, 3);
            long expected = received.get() + STREAMS;
            for (Fleet.Collar pet : pets) {
                at = at.plusMillis(10);
                post(pet, at, round % 2 == 0 ? 10 : 30);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.printf(Locale.ROOT, "STREAMS delivery round %d: %d alerts to %,d streams, %s%n", round + 1,
                    PETS, STREAMS, summary(latencies));
            assertEquals(expected, received.get(), "every stream got every alert; data lines " + dataLines.get()
                    + ", the first: " + firstData);
        }

        Path fleets = Files.createTempDirectory("bench-streams");
        Path fleet = fleets.resolve("fleet.json");
        latencies = new ConcurrentHistogram(60_000_000L, 3);
        try (LoadRun load = LoadRun.start(fleet, "--collars", "200", "--batch", "500", "--duration",
                UNDER_LOAD.toSeconds() + "s", "--reading-interval", "1ms", "--no-verify")) {
            steadyFrom = System.nanoTime() + LOAD_WARM_UP.toNanos();
            Thread.sleep(2_000);
            long end = System.nanoTime() + UNDER_LOAD.minusSeconds(7).toNanos();
            long receivedBefore = received.get();
            int sent = 0;
            while (System.nanoTime() < end) {
                for (Fleet.Collar pet : pets.subList(0, PROBES)) {
                    at = at.plusMillis(10);
                    // Going on from the rounds' last level, so that each reading opens or resolves the alert.
                    post(pet, at, (ROUNDS + sent) % 2 == 0 ? 10 : 30);
                }
                sent++;
                Thread.sleep(1_000);
            }
            Thread.sleep(5_000);
            LoadRun.Result loaded = load.await(Duration.ofMinutes(3));
            assertEquals(0, loaded.exitCode(), loaded.err());
            assertEquals((long) sent * PROBES * (STREAMS / PETS), received.get() - receivedBefore,
                    "every probe's alert reached every stream of its pet");
            System.out.printf(Locale.ROOT, "STREAMS under load (petty load, 200 collars, batches of 500): %d probe "
                    + "alerts to %,d streams | its first %d s: %s | after: %s | load: %s readings/s%n", sent * PROBES,
                    STREAMS / PETS * PROBES, LOAD_WARM_UP.toSeconds(), summary(warmUp), summary(latencies),
                    loaded.report().getJsonNumber("readings_per_s"));
        } finally {
            Files.deleteIfExists(fleet);
            Files.deleteIfExists(fleets);
        }
    }

    private void post(Fleet.Collar pet, Instant at, int batteryPct) throws IOException, InterruptedException {
        sentAt.put(at.toString(), System.nanoTime());
        HttpResponse<String> stored = client.send(HttpRequest.newBuilder(URI.create(PettyHttp.BASE + "/v1/ingest"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + pet.deviceToken())
                .POST(HttpRequest.BodyPublishers.ofString(Readings.withBattery(pet.id(), at, batteryPct))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, stored.statusCode(), stored.body());
    }

    private static String summary(Histogram histogram) {
        return String.format(Locale.ROOT, "%,d received: p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }

    /** One stream's lines: the opening comment counts it open; an alert's data, its latency. */
    private final class Lines implements Flow.Subscriber<String> {

        private final CountDownLatch open;
        private boolean opened;

        Lines(CountDownLatch open) {
            this.open = open;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (!opened && line.startsWith(":")) {
                opened = true;
                open.countDown();
            } else if (line.startsWith("data:") && dataLines.incrementAndGet() == 1) {
                firstData = line;
            }
            if (line.startsWith("data:") && line.contains("low_battery")) {
                JsonObject alert = Json.createReader(new StringReader(line.substring(5))).readObject();
                Long sent = sentAt.get(alert.getString(alert.containsKey("resolved_at") ? "resolved_at" : "opened_at"));
                if (sent != null) {
                    (sent < steadyFrom ? warmUp : latencies).recordValue((now - sent) / 1_000);
                    received.incrementAndGet();
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            // A stream that ends early shows as alerts not received.
        }

        @Override
        public void onComplete() {
            // Likewise.
        }
    }

    /** The test server's heap in use (after a GC), resident memory and threads, read from its process. */
    private record ServerStats(long heapUsedMiB, long rssMiB, long threads) {

        static ServerStats now() throws IOException, InterruptedException {
            long pid = TestServer.process().pid();
            Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor();
            Process heap = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                    .start();
            String info = new String(heap.getInputStream().readAllBytes());
            heap.waitFor();
            long usedKiB = Long.parseLong(info.replaceAll("(?s).*?used (\\d+)K.*", "$1"));
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            long rssKiB = Long.parseLong(status.replaceAll("(?s).*VmRSS:\\s+(\\d+) kB.*", "$1"));
            long threads = Long.parseLong(status.replaceAll("(?s).*Threads:\\s+(\\d+).*", "$1"));
            return new ServerStats(usedKiB / 1024, rssKiB / 1024, threads);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "heap %d MiB, RSS %d MiB, %d threads", heapUsedMiB, rssMiB, threads);
        }
    }
}
