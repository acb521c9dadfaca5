package it.io.petty.observability;

import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.Readings;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Prometheus text the test server serves at {@code /metrics} (open on the test server; in production over HTTPS
 * to Liberty's reader role), read as samples, and what makes a request's counts show.
 */
final class ServedMetrics {

    /** A sample line: name, labels, value (timestamps are not written). */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");

    private ServedMetrics() {
    }

    static Map<String, Double> awaitSample(String sample) {
        Instant deadline = Instant.now().plusSeconds(60);
        Map<String, Double> samples = scrape();
        while (!samples.containsKey(sample)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(sample + " not served within 60 s; Petty's samples: " + samples.keySet()
                        .stream().filter(name -> name.startsWith("petty_")).sorted().toList());
            }
            PettyHttp.pause();
            samples = scrape();
        }
        return samples;
    }

    static double change(Map<String, Double> before, Map<String, Double> after, String sample) {
        if (!after.containsKey(sample)) {
            throw new AssertionError(sample + " not served; Petty's samples: " + after.keySet().stream()
                    .filter(name -> name.startsWith("petty_")).sorted().toList());
        }
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }

    /** Every sample served, keyed by name and labels (sorted, Liberty's {@code mp_scope} left out). */
    static Map<String, Double> scrape() {
        HttpResponse<String> metrics = PettyHttp.get("/metrics");
        assertEquals(200, metrics.statusCode());
        Map<String, Double> samples = new HashMap<>();
        for (String line : metrics.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList()) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!sample.matches()) {
                continue;
            }
            String labels = sample.group(2) == null ? "" : Arrays.stream(sample.group(2).split(","))
                    .map(String::trim).filter(label -> !label.isEmpty() && !label.startsWith("mp_scope="))
                    .sorted().collect(Collectors.joining(","));
            samples.put(sample.group(1) + (labels.isEmpty() ? "" : "{" + labels + "}"),
                    Double.parseDouble(sample.group(3)));
        }
        return samples;
    }

    /** The metric names served: the samples' names without their labels ({@code _bucket}, {@code _count} apart). */
    static Set<String> names(Map<String, Double> samples) {
        return samples.keySet().stream().map(sample -> sample.replaceFirst("\\{.*", "")).collect(Collectors.toSet());
    }

    /** A day before yesterday's walk of a new collar's dog, sent and analysed: the walk began, and is stored. */
    static Walked walked() {
        Fleet.Collar collar = Fleet.newCollar();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        List<Reading> walk = ReadingScript.forCollar(ReadingScript.startingAt(day.atTime(9, 0).toInstant(ZoneOffset.UTC))
                .rest(6, 75).walk(36, 95, 12, 0).rest(6, 75).readings(), collar.id());
        Behavior.send(collar, walk, 100);
        Behavior.awaitAnalysed(collar.id(), Duration.ofSeconds(60));
        return new Walked(collar, day);
    }

    record Walked(Fleet.Collar collar, LocalDate day) {
    }

    /**
     * Sends the collar's single readings until one is refused 429 (its ingest bucket holds 100 requests and refills
     * at one a second on the test server).
     *
     * @return how many were refused: one, or none when the bucket never ran out within 120
     */
    static int untilRateLimited(Fleet.Collar collar) {
        Instant start = Readings.recent().minusSeconds(600);
        for (int i = 0; i < 120; i++) {
            if (postJson("/v1/ingest", reading(collar.id(), start.plusSeconds(i)), collar.deviceToken())
                    .statusCode() == 429) {
                return 1;
            }
        }
        return 0;
    }
}
