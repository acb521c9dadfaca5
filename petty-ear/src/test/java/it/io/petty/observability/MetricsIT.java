package it.io.petty.observability;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.Readings;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.batch;
import static it.io.petty.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Petty's own metrics in the Prometheus text the server serves at {@code /metrics} (open on the test server; in
 * production over HTTPS to Liberty's reader role): what a request did shows as the counter's change.
 */
class MetricsIT {

    /** A sample line: name, labels, value (timestamps are not written). */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");

    @Test
    void ingestCountsReadingsByOutcomeAndRejectionsByReason() {
        Fleet.Collar collar = Fleet.newCollar();
        Instant start = Readings.recent().minusSeconds(60);
        Map<String, Double> before = scrape();

        HttpResponse<String> response = postJson("/v1/ingest", batch(List.of(
                reading(collar.id(), start),
                reading(collar.id(), start.plusSeconds(1)),
                reading(collar.id(), start),
                reading(collar.id(), start.plusSeconds(2)).replace("\"heart_rate\": 72", "\"heart_rate\": 400"))),
                collar.deviceToken());
        assertEquals(201, response.statusCode(), response.body());
        Map<String, Double> after = scrape();

        assertEquals(2, change(before, after, "petty_readings_total{outcome=\"stored\"}"));
        assertEquals(1, change(before, after, "petty_readings_total{outcome=\"duplicate\"}"));
        assertEquals(1, change(before, after, "petty_readings_total{outcome=\"rejected\"}"));
        assertEquals(1, change(before, after, "petty_readings_rejected_total{reason=\"heart_rate\"}"));
    }

    @Test
    void loginsAreCountedByOutcome() {
        Fleet.Owner owner = Fleet.newOwner();
        Map<String, Double> before = scrape();

        assertEquals(401, postJson("/v1/auth/token", "{\"email\": \"" + owner.email()
                + "\", \"password\": \"not the password at all\"}").statusCode());
        Fleet.login(owner.email(), Fleet.PASSWORD);
        Map<String, Double> after = scrape();

        assertEquals(1, change(before, after, "petty_logins_total{outcome=\"failed\"}"));
        assertEquals(1, change(before, after, "petty_logins_total{outcome=\"succeeded\"}"));
    }

    private static double change(Map<String, Double> before, Map<String, Double> after, String sample) {
        if (!after.containsKey(sample)) {
            throw new AssertionError(sample + " not served; Petty's samples: " + after.keySet().stream()
                    .filter(name -> name.startsWith("petty_")).sorted().toList());
        }
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }

    /** Every sample served, keyed by name and labels (sorted, Liberty's {@code mp_scope} left out). */
    private static Map<String, Double> scrape() {
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
}
