package it.io.petty.http;

import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

import static it.io.petty.Problems.assertProblem;
import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.PettyHttp.request;
import static it.io.petty.PettyHttp.send;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input gets its status and a problem document, and changes nothing. */
class ProblemsIT {

    private static final int MAX_BODY_BYTES = 1_048_576;

    /** Shared: no test here stores a reading, each checks that its bad input stored nothing. */
    private static Fleet.Collar device;

    @BeforeAll
    static void pairACollar() {
        device = Fleet.newCollar();
    }

    private static HttpResponse<String> ingest(String body) {
        return postJson("/v1/ingest", body, device.deviceToken());
    }

    @Test
    void malformedJsonIs400() {
        String collar = device.id();
        HttpResponse<String> response = ingest("{\"collar_id\": \"" + collar + "\", ");

        JsonObject problem = assertProblem(response, 400, "malformed-json");
        assertEquals("/v1/ingest", problem.getString("instance"));
        assertEquals(0, TestDatabase.countReadings(collar));
    }

    @Test
    void aJsonValueThatIsNotAnObjectIs400() {
        assertProblem(ingest("[1, 2, 3]"), 400, "malformed-json");
    }

    @Test
    void everyInvalidFieldIsNamedIn422() {
        String collar = device.id();
        String body = """
                {"collar_id": "%s", "timestamp": "yesterday", "heart_rate": 301, "activity_level": 3,
                 "location": {"type": "Point", "coordinates": [181, -91]}, "battery_pct": 101}
                """.formatted(collar);

        JsonObject problem = assertProblem(ingest(body), 422,
                "invalid-fields");

        List<String> fields = problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(error -> error.getString("field")).toList();
        assertEquals(List.of("timestamp", "heart_rate", "activity_level", "location.coordinates[0]",
                "location.coordinates[1]", "battery_pct"), fields);
        assertEquals(0, TestDatabase.countReadings(collar));
    }

    @Test
    void aValueOfTheWrongJsonTypeIs422NamingTheField() {
        String collar = device.id();
        String body = reading(collar, recent()).replace("\"heart_rate\": 72", "\"heart_rate\": \"72\"");

        JsonObject problem = assertProblem(ingest(body), 422,
                "invalid-fields");

        JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
        assertEquals("heart_rate", error.getString("field"));
        assertEquals("must be a number", error.getString("message"));
    }

    @Test
    void aMissingRequiredFieldIs422() {
        JsonObject problem = assertProblem(ingest("{}"), 422,
                "invalid-fields");
        assertEquals(4, problem.getJsonArray("errors").size(), "collar_id, timestamp, heart_rate, activity_level");
    }

    @Test
    void anUnknownCollarIs404OnRealtime() {
        String stranger = TestDatabase.unregisteredSerial();
        assertProblem(get("/v1/realtime?collar_id=" + stranger, device.owner().accessToken()), 404,
                "unknown-collar");
    }

    @Test
    void aReadingForAnotherCollarIs403() {
        String stranger = TestDatabase.unregisteredSerial();
        assertProblem(ingest(reading(stranger, recent())), 403, "not-your-collar");
        assertEquals(0, TestDatabase.countReadings(stranger));
    }

    @Test
    void aCollarThatHasNotReportedIs404WithItsOwnType() {
        assertProblem(get("/v1/realtime?collar_id=" + device.id(), device.owner().accessToken()), 404,
                "no-reading-yet");
    }

    @Test
    void realtimeWithoutAValidCollarIdIs422() {
        String owner = device.owner().accessToken();
        assertProblem(get("/v1/realtime", owner), 422, "invalid-fields");
        assertProblem(get("/v1/realtime?collar_id=sn-1", owner), 422, "invalid-fields");
    }

    @Test
    void aMissingOrInvalidTokenIs401AndAWrongRoleIs403() {
        HttpResponse<String> anonymous = get("/v1/realtime?collar_id=" + device.id());
        assertProblem(anonymous, 401, "about:blank");
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        assertProblem(get("/v1/realtime?collar_id=" + device.id(), "not.a.token"), 401, "about:blank");
        assertProblem(get("/v1/realtime?collar_id=" + device.id(), device.deviceToken()), 403, "about:blank");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        HttpResponse<String> response = send(request("/v1/ingest").header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + device.deviceToken())
                .POST(HttpRequest.BodyPublishers.ofString("heart_rate=72")));
        assertProblem(response, 415, "about:blank");
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413() {
        String collar = device.id();
        String padded = reading(collar, recent()).replace("}\n", ", \"padding\": \"" + "x".repeat(MAX_BODY_BYTES) + "\"}");

        assertProblem(ingest(padded), 413, "body-too-large");
        assertEquals(0, TestDatabase.countReadings(collar));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        byte[] large = ("{\"padding\": \"" + "x".repeat(MAX_BODY_BYTES) + "\"}").getBytes();
        HttpResponse<String> response = send(request("/v1/ingest").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + device.deviceToken()).POST(chunked(large)));
        assertProblem(response, 413, "body-too-large");
    }

    @Test
    void aMethodThePathDoesNotSupportIs405WithAllow() {
        HttpResponse<String> response = get("/v1/ingest");
        assertProblem(response, 405, "about:blank");
        assertTrue(response.headers().firstValue("Allow").orElseThrow().contains("POST"));
    }

    @Test
    void anUnacceptableResponseTypeIs406() {
        HttpResponse<String> response = send(request("/v1/realtime?collar_id=SN-12345").header("Accept", "text/csv"));
        assertProblem(response, 406, "about:blank");
    }

    @Test
    void anUnknownPathIs404() {
        assertProblem(get("/v1/no-such-thing"), 404, "about:blank");
    }

    /** A body of unknown length, sent with chunked transfer encoding. */
    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        HttpRequest.BodyPublisher fixed = HttpRequest.BodyPublishers.ofByteArray(body);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                fixed.subscribe(subscriber);
            }
        };
    }
}
