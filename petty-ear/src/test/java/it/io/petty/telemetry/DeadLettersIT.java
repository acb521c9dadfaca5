package it.io.petty.telemetry;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.batch;
import static it.io.petty.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refused readings are kept with the reason and shown to admins by {@code GET /v1/admin/dead-letters}. */
class DeadLettersIT {

    private static final Instant START = Instant.now().minusSeconds(3600);

    private static Fleet.Owner admin;

    @BeforeAll
    static void anAdmin() {
        admin = Fleet.newAdmin();
    }

    @Test
    void theRefusedReadingsOfABatchAreListedWithTheirRequestPositionAndReason() {
        Fleet.Collar collar = Fleet.newCollar();
        String batch = batch(List.of(
                reading(collar.id(), START),
                reading(collar.id(), START.plusSeconds(1)).replace("\"heart_rate\": 72", "\"heart_rate\": 400"),
                reading("ZZ-999999", START.plusSeconds(2))));
        HttpResponse<String> posted = PettyHttp.send(PettyHttp.request("/v1/ingest")
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + collar.deviceToken())
                .header("X-Request-ID", "dead-letter-batch-" + collar.id())
                .POST(HttpRequest.BodyPublishers.ofString(batch)));
        assertEquals(201, posted.statusCode(), posted.body());

        List<JsonObject> letters = deadLetters("?collar_id=" + collar.id());
        assertEquals(2, letters.size());
        JsonObject foreign = letters.get(0);
        JsonObject tooFast = letters.get(1);
        assertEquals(List.of(2, 1), List.of(foreign.getInt("index"), tooFast.getInt("index")), "newest first");
        assertEquals("dead-letter-batch-" + collar.id(), tooFast.getString("request_id"));
        assertEquals(collar.id(), foreign.getString("collar_id"), "filed under the collar that sent it");
        assertEquals("collar_id", foreign.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals("heart_rate", tooFast.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertTrue(tooFast.getString("payload").contains("\"heart_rate\": 400"), tooFast.getString("payload"));
        assertFalse(tooFast.getString("received_at").isEmpty());
    }

    @Test
    void aRefusedSingleReadingAndAWhollyInvalidBatchAreKeptToo() {
        Fleet.Collar collar = Fleet.newCollar();
        assertEquals(422, postJson("/v1/ingest", "{\"collar_id\": \"" + collar.id() + "\", \"heart_rate\": \"fast\"}",
                collar.deviceToken()).statusCode());
        assertEquals(422, postJson("/v1/ingest", "{\"readings\": [42]}", collar.deviceToken()).statusCode());

        List<JsonObject> letters = deadLetters("?collar_id=" + collar.id());
        assertEquals(2, letters.size());
        assertEquals("42", letters.get(0).getString("payload"));
        assertEquals("reading", letters.get(0).getJsonArray("errors").getJsonObject(0).getString("field"));
        assertFalse(letters.get(1).containsKey("index"), "a single reading has no position");
        assertTrue(letters.get(1).getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .anyMatch(error -> error.getString("field").equals("heart_rate")));
    }

    @Test
    void pagesFollowNextBefore() {
        Fleet.Collar collar = Fleet.newCollar();
        for (int i = 0; i < 3; i++) {
            postJson("/v1/ingest", "{\"readings\": [" + i + "]}", collar.deviceToken());
        }
        JsonObject first = page("?collar_id=" + collar.id() + "&limit=2");
        assertEquals(List.of("2", "1"), payloads(first));
        JsonObject second = page("?collar_id=" + collar.id() + "&limit=2&before="
                + first.getJsonNumber("next_before").longValue());
        assertEquals(List.of("0"), payloads(second));
        assertNull(second.get("next_before"), "the last page says so");
    }

    @Test
    void onlyAdminsMaySeeThemAndNonsenseParametersAreNamed() {
        Fleet.Collar collar = Fleet.newCollar();
        assertEquals(401, get("/v1/admin/dead-letters").statusCode());
        assertEquals(403, get("/v1/admin/dead-letters", collar.owner().accessToken()).statusCode());
        assertEquals(403, get("/v1/admin/dead-letters", collar.deviceToken()).statusCode());

        for (String nonsense : List.of("?limit=0", "?limit=1001", "?limit=many", "?before=x", "?collar_id=bogus")) {
            HttpResponse<String> refused = get("/v1/admin/dead-letters" + nonsense, admin.accessToken());
            assertEquals(422, refused.statusCode(), nonsense + ": " + refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        }
    }

    private static List<JsonObject> deadLetters(String query) {
        return page(query).getJsonArray("dead_letters").getValuesAs(JsonObject.class);
    }

    private static JsonObject page(String query) {
        HttpResponse<String> response = get("/v1/admin/dead-letters" + query, admin.accessToken());
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    private static List<String> payloads(JsonObject page) {
        JsonArray letters = page.getJsonArray("dead_letters");
        return letters.getValuesAs(JsonObject.class).stream().map(letter -> letter.getString("payload")).toList();
    }
}
