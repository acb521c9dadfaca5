package it.io.petty.hardening;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static it.io.petty.Problems.assertProblem;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile bodies that got a 500 or a 503 before (issue #11), on every endpoint that reads JSON: each is a 400 or a
 * 422 problem that names the field, never a retry hint, and changes nothing.
 */
class HostileInputIT {

    /** Every endpoint that takes a JSON object; {pet} is the caller's pet. */
    private static final List<String> JSON_ENDPOINTS = List.of("/v1/accounts", "/v1/auth/token", "/v1/auth/refresh",
            "/v1/auth/device-token", "/v1/pets", "PATCH /v1/pets/{pet}", "/v1/collars", "/v1/me/webhooks",
            "/v1/submit-feedback", "/v1/ingest");

    private static Fleet.Collar device;

    @BeforeAll
    static void pairACollar() {
        device = Fleet.newCollar();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "[]", "\"text\"", "{} {}", "{\"a\":1,}", "", "nul"})
    void aBodyThatIsNotOneJsonObjectIs400Everywhere(String body) {
        for (String endpoint : JSON_ENDPOINTS) {
            HttpResponse<String> response = send(endpoint, body);
            assertProblem(response, 400, "malformed-json");
            assertFalse(response.headers().firstValue("Retry-After").isPresent(), endpoint);
        }
    }

    @Test
    void aValueOfTheWrongTypeIsNamedIn422() {
        assertField(send("/v1/pets", "{\"name\":\"Rex\",\"species\":\"dog\",\"weight_kg\":\"heavy\"}"), "weight_kg",
                "must be a number");
        assertField(send("PATCH /v1/pets/{pet}", "{\"home\":{\"lat\":60.1,\"lon\":true,\"radius_m\":50}}"), "home.lon",
                "must be a number");
        assertField(send("/v1/pets", "{\"name\":\"Rex\",\"species\":\"dog\",\"body_condition_score\":4.5}"),
                "body_condition_score", "must be a whole number within range");
        assertField(send("/v1/pets", "{\"name\":\"Rex\",\"species\":\"dog\",\"body_condition_score\":1e10}"),
                "body_condition_score", "must be a whole number within range");
        assertField(send("/v1/accounts", "{\"email\":[\"a@example.com\"],\"password\":\"x\"}"), "email",
                "must be a string");
        assertField(send("/v1/auth/token", "{\"email\":{},\"password\":\"x\"}"), "email", "must be a string");
        assertField(send("/v1/me/webhooks", "{\"url\":\"https://example.com/h\",\"kinds\":[\"left_home\",7]}"),
                "kinds[1]", "must be a string");
    }

    @Test
    void everyMistypedFieldIsNamedAtOnce() {
        HttpResponse<String> response = send("/v1/pets", "{\"name\":1,\"species\":false,\"weight_kg\":\"heavy\"}");
        JsonObject problem = assertProblem(response, 422, "invalid-fields");
        assertEquals(List.of("name", "species", "weight_kg"), problem.getJsonArray("errors")
                .getValuesAs(JsonObject.class).stream().map(error -> error.getString("field")).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e9999999999", "-1e-9999999999", "1E400"})
    void aNumberBeyondAnyRangeIsNamedOnIngest(String number) {
        String body = reading(device.id(), recent()).replace("\"heart_rate\": 72", "\"heart_rate\": " + number);
        assertField(send("/v1/ingest", body), "heart_rate", "is not a number within range");
        assertEquals(0, TestDatabase.countReadings(device.id()));
    }

    @Test
    void aNumberOfAThousandDigitsIsNamed() {
        String digits = "7".repeat(1_200);
        String body = reading(device.id(), recent()).replace("\"heart_rate\": 72", "\"heart_rate\": " + digits);
        assertField(send("/v1/ingest", body), "heart_rate", "is not a number within range");
        assertField(send("/v1/pets", "{\"name\":\"Rex\",\"species\":\"dog\",\"weight_kg\":" + digits + "}"),
                "weight_kg", "is not a number within range");
        assertEquals(0, TestDatabase.countReadings(device.id()));
    }

    @Test
    void aNulCharacterIsRefusedWithoutARetryHint() {
        HttpResponse<String> response = send("/v1/pets", "{\"name\":\"Re\\u0000x\",\"species\":\"dog\"}");
        assertField(response, "name", "must not contain the NUL character (U+0000)");
        assertFalse(response.headers().firstValue("Retry-After").isPresent());
        assertField(send("/v1/accounts", "{\"email\":\"a@example.com\",\"password\":\"pass\\u0000word-long-enough\","
                + "\"display_name\":\"A\"}"), "password", "must not contain the NUL character (U+0000)");
    }

    @Test
    void deepNestingIs400AndAnOverlongStringIsNamed() {
        String deep = "{\"segment\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        for (String endpoint : JSON_ENDPOINTS) {
            assertProblem(send(endpoint, deep.replace("segment", "padding")), 400, "malformed-json");
        }
        assertField(send("/v1/pets", "{\"name\":\"" + "x".repeat(70_000) + "\",\"species\":\"dog\"}"), "name",
                "must be at most 65536 characters");
    }

    @Test
    void aUriOfMoreThan4096CharactersIs414() {
        String query = "/v1/realtime?collar_id=" + device.id() + "&x=";
        assertEquals(404, PettyHttp.get(query + "a".repeat(4096 - query.length()), device.owner().accessToken())
                .statusCode(), "at the limit: an ordinary answer (no reading yet)");
        HttpResponse<String> tooLong = PettyHttp.get(query + "a".repeat(4097 - query.length()),
                device.owner().accessToken());
        assertTrue(assertProblem(tooLong, 414, "uri-too-long").getString("detail").contains("4096"));
    }

    @Test
    void whatLibertyCannotParseItRefusesBeforeAnyApplicationAndStaysWell() throws Exception {
        // HTTP/1.1, as a proxy speaks it: over h2c Liberty ends the connection (GOAWAY) instead.
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder hugeHeader = PettyHttp.request("/v1/pets").header("X-Padding", "a".repeat(9000));
        assertEquals(400, http11.send(hugeHeader.build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                "a header field over 8 KiB");
        HttpRequest.Builder manyHeaders = PettyHttp.request("/v1/pets");
        for (int i = 0; i < 101; i++) {
            manyHeaders.header("X-Padding-" + i, "a");
        }
        assertEquals(400, http11.send(manyHeaders.build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                "over 100 header fields");
        assertEquals(200, PettyHttp.get("/health/ready").statusCode());
    }

    @Test
    void nothingWasStoredByAnyOfIt() {
        aValueOfTheWrongTypeIsNamedIn422();
        aNulCharacterIsRefusedWithoutARetryHint();
        String owner = device.owner().accessToken();
        JsonObject pet = PettyHttp.json(PettyHttp.get("/v1/pets/" + device.petId(), owner));
        assertFalse(pet.containsKey("home"), "the mistyped PATCH changed nothing: " + pet);
        String pets = PettyHttp.get("/v1/pets", owner).body();
        assertEquals(1, Json.createReader(new StringReader(pets)).readArray().size(), pets);
    }

    private static void assertField(HttpResponse<String> response, String field, String message) {
        JsonObject error = assertProblem(response, 422, "invalid-fields").getJsonArray("errors").getJsonObject(0);
        assertEquals(field, error.getString("field"), response.body());
        assertEquals(message, error.getString("message"), response.body());
    }

    /** POSTs (or, with a method before the path, sends) the body as the endpoint's rightful caller would. */
    private static HttpResponse<String> send(String endpoint, String body) {
        String[] parts = endpoint.split(" ");
        String method = parts.length == 2 ? parts[0] : "POST";
        String path = parts[parts.length - 1].replace("{pet}", device.petId().toString());
        String token = switch (path) {
            case "/v1/ingest" -> device.deviceToken();
            case "/v1/accounts", "/v1/auth/token", "/v1/auth/refresh", "/v1/auth/device-token" -> null;
            default -> device.owner().accessToken();
        };
        HttpRequest.Builder request = PettyHttp.request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return PettyHttp.send(request);
    }
}
