package it.io.petty.telemetry;

import it.io.petty.Contract;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static it.io.petty.PettyHttp.json;
import static it.io.petty.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * More concurrent ingests than the server admits (two, on the test server): the excess is refused at once
 * with 503 and Retry-After instead of queueing, and exactly what was acknowledged is stored.
 */
class OverloadIT {

    private static final int CONCURRENT = 24;
    private static final int PER_BATCH = 1000;
    /** Within each collar's share of requests in flight (petty.ingest.max-per-collar, 4): the server is what is full. */
    private static final int COLLARS = 8;

    @Test
    void excessConcurrentIngestsGet503WithRetryAfterAndAcknowledgedReadingsAreAllStored() {
        List<Fleet.Collar> collars = Stream.generate(Fleet::newCollar).limit(COLLARS).toList();
        HttpClient client = HttpClient.newHttpClient();
        Instant start = Instant.now().minusSeconds(20_000);
        List<HttpRequest> requests = new ArrayList<>();
        for (int batch = 0; batch < CONCURRENT; batch++) {
            Fleet.Collar collar = collars.get(batch % COLLARS);
            List<String> readings = new ArrayList<>(PER_BATCH);
            for (int i = 0; i < PER_BATCH; i++) {
                readings.add(reading(collar.id(), start.plusMillis((long) batch * PER_BATCH + i)));
            }
            requests.add(PettyHttp.request("/v1/ingest").header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + collar.deviceToken())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"readings\": [" + String.join(",", readings) + "]}"))
                    .build());
        }
        List<CompletableFuture<HttpResponse<String>>> sent = requests.stream()
                .map(request -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString())).toList();
        List<HttpResponse<String>> responses = sent.stream().map(CompletableFuture::join).map(Contract::check).toList();

        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 503).toList();
        long acknowledged = responses.stream().filter(r -> r.statusCode() == 201).count();
        assertEquals(CONCURRENT, refused.size() + acknowledged, "every request was either stored or refused");
        assertFalse(refused.isEmpty(), "some of " + CONCURRENT + " concurrent batches were refused");
        assertEquals("https://petty.io/problems/overloaded", json(refused.get(0)).getString("type"));
        assertEquals("1", refused.get(0).headers().firstValue("Retry-After").orElseThrow());
        assertEquals(acknowledged * PER_BATCH,
                collars.stream().mapToLong(collar -> TestDatabase.countReadings(collar.id())).sum());
    }
}
