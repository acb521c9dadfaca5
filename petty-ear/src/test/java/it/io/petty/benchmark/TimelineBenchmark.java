package it.io.petty.benchmark;

import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import io.petty.domain.testing.SampleDay;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The timeline of a whole recorded day — the sample day, a reading every 10 s (8,520 of them: the collar is silent
 * for 20 minutes) — read by many owners at once, against the same request for a day without data (the baseline:
 * authentication, rate limit, ownership and the two lookups, with nothing found). Alternating rounds of each, so
 * that both see the same machine; each round's p50, p99 and max, and the ratio of the p99s. Not an *IT: run on
 * purpose with {@code docs/bench-timeline.sh}, which lifts the test server's per-owner timeline rate limit.
 */
class TimelineBenchmark {

    private static final int PETS = Integer.getInteger("petty.bench.pets", 20);
    private static final int READERS = Integer.getInteger("petty.bench.readers", 16);
    private static final Duration ROUND = Duration.ofSeconds(Long.getLong("petty.bench.round-seconds", 10));
    private static final int ROUNDS = Integer.getInteger("petty.bench.rounds", 3);
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    private static final String EMPTY_DAY = "2026-01-01";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aRecordedDaysTimelineUnderConcurrentReads() throws Exception {
        List<Reading> day = SampleDay.readings(DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
        List<Fleet.Collar> collars = new ArrayList<>();
        for (int i = 0; i < PETS; i++) {
            Fleet.Collar collar = Fleet.newCollar();
            Behavior.send(collar, ReadingScript.forCollar(day, collar.id()), 1000);
            collars.add(collar);
        }
        for (Fleet.Collar collar : collars) {
            Behavior.awaitAnalysed(collar.id(), Duration.ofSeconds(300));
            assertEquals(SampleDay.READINGS, Behavior.timeline(collar, DAY.toString()).getJsonObject("summary")
                    .getInt("data_points"));
        }
        read(collars, EMPTY_DAY, Duration.ofSeconds(5));
        read(collars, DAY.toString(), Duration.ofSeconds(5));
        for (int round = 1; round <= ROUNDS; round++) {
            Result baseline = read(collars, EMPTY_DAY, ROUND);
            Result timeline = read(collars, DAY.toString(), ROUND);
            System.out.printf(Locale.ROOT, "TIMELINE round %d: %d pets, %d readers | recorded day: %s | empty day "
                            + "(baseline): %s | p99 ratio %.2f%n", round, PETS, READERS, timeline, baseline,
                    timeline.p99Ms() / baseline.p99Ms());
        }
    }

    private record Result(long requests, long errors, double perSecond, double p50Ms, double p99Ms, double maxMs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d requests (%.0f/s), %d errors, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    requests, perSecond, errors, p50Ms, p99Ms, maxMs);
        }
    }

    private Result read(List<Fleet.Collar> collars, String date, Duration length) throws Exception {
        Histogram latencies = new Histogram(60_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                running.add(readers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        Fleet.Collar collar = collars.get(ThreadLocalRandom.current().nextInt(collars.size()));
                        HttpRequest request = HttpRequest.newBuilder(URI.create(PettyHttp.BASE + "/v1/pet-timeline?collar_id="
                                + collar.id() + "&date=" + date)).header("Authorization", "Bearer " + collar.owner().accessToken())
                                .timeout(Duration.ofSeconds(30)).build();
                        long start = System.nanoTime();
                        int status = send(request);
                        long micros = (System.nanoTime() - start) / 1_000;
                        if (status == 200) {
                            synchronized (latencies) {
                                latencies.recordValue(micros);
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> reader : running) {
                reader.get();
            }
        } finally {
            readers.shutdownNow();
        }
        return new Result(latencies.getTotalCount(), errors.get(), latencies.getTotalCount() / (length.toMillis() / 1000.0),
                latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
                latencies.getMaxValue() / 1000.0);
    }

    private int send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
