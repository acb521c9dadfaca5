package it.io.petty.telemetry;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static it.io.petty.Problems.assertProblem;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.Readings.batch;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Idempotency-Key}: a retried request gets its first answer again, and nothing runs twice. */
class IdempotencyIT {

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerWordForWord() {
        Fleet.Collar collar = Fleet.newCollar();
        String key = UUID.randomUUID().toString();
        Instant start = recent();
        String body = batch(List.of(reading(collar.id(), start), reading(collar.id(), start.plusSeconds(1)),
                reading(collar.id(), start.plusSeconds(2)).replace("\"heart_rate\": 72", "\"heart_rate\": 7")));

        HttpResponse<String> first = ingest(collar, key, body);
        HttpResponse<String> retry = ingest(collar, key, body);

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, retry.statusCode(), "the first status, not 200 for duplicates");
        assertEquals(first.body(), retry.body());
        assertEquals(2, json(retry).getInt("stored"));
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertFalse(first.headers().firstValue("Idempotent-Replayed").isPresent());
        assertEquals(2, TestDatabase.countReadings(collar.id()));
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM dead_letter WHERE collar_id = '" + collar.id() + "'"),
                "the refused reading was kept once, by the request that ran");
    }

    @Test
    void withoutAKeyOrWithANewOneARetryRunsAgainAndFindsDuplicates() {
        Fleet.Collar collar = Fleet.newCollar();
        String body = reading(collar.id(), recent());

        assertEquals(201, ingest(collar, null, body).statusCode());
        HttpResponse<String> again = ingest(collar, UUID.randomUUID().toString(), body);
        assertEquals(200, again.statusCode());
        assertEquals(1, json(again).getInt("duplicates"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndKeysBelongToTheirCollar() {
        Fleet.Collar collar = Fleet.newCollar();
        Fleet.Collar other = Fleet.newCollar();
        String key = UUID.randomUUID().toString();
        Instant timestamp = recent();
        assertEquals(201, ingest(collar, key, reading(collar.id(), timestamp)).statusCode());

        HttpResponse<String> reused = ingest(collar, key, reading(collar.id(), timestamp.plusSeconds(1)));
        assertProblem(reused, 422, "idempotency-key-reused");
        assertEquals(1, TestDatabase.countReadings(collar.id()));

        assertEquals(201, ingest(other, key, reading(other.id(), timestamp)).statusCode(), "another collar's key");
    }

    @Test
    void aCopySentWhileTheFirstIsStillRunningIsToldToRetry() {
        Fleet.Collar collar = Fleet.newCollar();
        String body = reading(collar.id(), recent());
        String key = UUID.randomUUID().toString();
        // The first copy has claimed the key and not answered yet (its hash: SHA-256 of the same body).
        TestDatabase.execute("INSERT INTO idempotent_request (principal, key, request_hash) VALUES ('" + collar.id()
                + "', '" + key + "', sha256(convert_to('" + body.replace("'", "''") + "', 'UTF8')))");

        HttpResponse<String> copy = ingest(collar, key, body);

        assertProblem(copy, 409, "idempotency-key-in-use");
        assertEquals("1", copy.headers().firstValue("Retry-After").orElse(null));
        assertEquals(0, TestDatabase.countReadings(collar.id()));
    }

    @Test
    void aRefusedRequestIsNotRememberedAndAMalformedKeyIsABadRequest() {
        Fleet.Collar collar = Fleet.newCollar();
        String key = UUID.randomUUID().toString();
        assertEquals(422, ingest(collar, key, "{\"readings\": [42]}").statusCode());
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM idempotent_request WHERE key = '" + key + "'"));

        for (String malformed : List.of("", "with space", "x".repeat(256), "ünïcode")) {
            assertProblem(ingest(collar, malformed, reading(collar.id(), recent())), 400, "invalid-idempotency-key");
        }
    }

    private static HttpResponse<String> ingest(Fleet.Collar collar, String key, String body) {
        HttpRequest.Builder request = PettyHttp.request("/v1/ingest").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + collar.deviceToken())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return PettyHttp.send(request);
    }
}
