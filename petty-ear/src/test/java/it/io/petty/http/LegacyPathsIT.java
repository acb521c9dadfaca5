package it.io.petty.http;

import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The original's unversioned paths answer as /v1 does, and say they are deprecated. */
class LegacyPathsIT {

    @Test
    void legacyIngestAndRealtimeAnswerLikeV1WithDeprecationHeaders() {
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        String owner = device.owner().accessToken();
        Instant timestamp = recent();

        HttpResponse<String> ingested = postJson("/ingest", reading(collar, timestamp), device.deviceToken());
        assertEquals(201, ingested.statusCode(), ingested.body());
        assertDeprecatedInFavourOf(ingested, "/v1/ingest");

        HttpResponse<String> legacy = get("/realtime?collar_id=" + collar, owner);
        HttpResponse<String> current = get("/v1/realtime?collar_id=" + collar, owner);
        assertEquals(200, legacy.statusCode());
        assertEquals(withoutAge(json(current)), withoutAge(json(legacy)));
        assertDeprecatedInFavourOf(legacy, "/v1/realtime");
        assertTrue(current.headers().firstValue("Deprecation").isEmpty(), "v1 is not deprecated");
    }

    @Test
    void legacyErrorsAreTheSameProblemsWithDeprecationHeaders() {
        HttpResponse<String> legacy = get("/realtime?collar_id=" + TestDatabase.unregisteredSerial(),
                Fleet.newOwner().accessToken());
        assertEquals(404, legacy.statusCode());
        assertEquals("https://petty.io/problems/unknown-collar", json(legacy).getString("type"));
        assertDeprecatedInFavourOf(legacy, "/v1/realtime");
    }

    /** The age ticks with the clock between the two calls; everything else must be identical. */
    private static JsonObject withoutAge(JsonObject view) {
        return Json.createObjectBuilder(view).remove("last_seen_age_s").build();
    }

    private static void assertDeprecatedInFavourOf(HttpResponse<String> response, String successor) {
        String deprecation = response.headers().firstValue("Deprecation").orElseThrow();
        assertTrue(deprecation.matches("@\\d+"), "RFC 9745 date: " + deprecation);
        String sunset = response.headers().firstValue("Sunset").orElseThrow();
        assertDoesNotThrow(() -> DateTimeFormatter.RFC_1123_DATE_TIME.parse(sunset));
        assertEquals("<" + successor + ">; rel=\"successor-version\"",
                response.headers().firstValue("Link").orElseThrow());
    }
}
