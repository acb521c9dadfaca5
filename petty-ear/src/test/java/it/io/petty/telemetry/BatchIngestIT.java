package it.io.petty.telemetry;

import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.batch;
import static it.io.petty.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code {"readings": [...]}}: per-reading results in order; one bad reading never sinks the good ones. */
class BatchIngestIT {

    private static final Instant START = Instant.now().minusSeconds(7200);

    @Test
    void aMixedBatchStoresTheGoodReadingsAndNamesWhatIsWrongWithTheOthersInOrder() {
        Fleet.Collar collar = Fleet.newCollar();
        String batch = batch(List.of(
                reading(collar.id(), START),
                reading(collar.id(), START.plusSeconds(1)).replace("\"heart_rate\": 72", "\"heart_rate\": 400"),
                reading(collar.id(), START.plusSeconds(2)),
                reading("ZZ-999999", START.plusSeconds(3)),
                reading(collar.id(), START).replace("\"heart_rate\": 72", "\"heart_rate\": \"fast\"")));

        HttpResponse<String> response = postJson("/v1/ingest", batch, collar.deviceToken());

        assertEquals(201, response.statusCode(), response.body());
        JsonObject receipt = json(response);
        assertEquals(2, receipt.getInt("stored"));
        assertEquals(0, receipt.getInt("duplicates"));
        assertEquals(3, receipt.getInt("rejected"));
        JsonArray results = receipt.getJsonArray("results");
        assertEquals(List.of("stored", "rejected", "stored", "rejected", "rejected"),
                results.getValuesAs(JsonObject.class).stream().map(result -> result.getString("status")).toList());
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i, results.getJsonObject(i).getInt("index"));
        }
        assertEquals("heart_rate", results.getJsonObject(1).getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals("collar_id", results.getJsonObject(3).getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals("must be a number",
                results.getJsonObject(4).getJsonArray("errors").getJsonObject(0).getString("message"));
        assertFalse(results.getJsonObject(0).containsKey("errors"));
        assertEquals(2, TestDatabase.countReadings(collar.id()));
    }

    @Test
    void duplicatesInsideABatchAndAcrossBatchesAreStoredOnce() {
        Fleet.Collar collar = Fleet.newCollar();
        String first = batch(List.of(reading(collar.id(), START), reading(collar.id(), START),
                reading(collar.id(), START.plusSeconds(1))));
        JsonObject receipt = json(postJson("/v1/ingest", first, collar.deviceToken()));
        assertEquals(List.of("stored", "duplicate", "stored"), statuses(receipt));

        HttpResponse<String> replay = postJson("/v1/ingest", first, collar.deviceToken());
        assertEquals(200, replay.statusCode(), "nothing new was stored");
        assertEquals(List.of("duplicate", "duplicate", "duplicate"), statuses(json(replay)));
        assertEquals(2, TestDatabase.countReadings(collar.id()));
    }

    @Test
    void aThousandReadingsAreOneRequestAndAThousandAndOneAreTooMany() {
        Fleet.Collar collar = Fleet.newCollar();
        for (int batch = 0; batch < 3; batch++) {
            // Three full batches in a row: far past the ingest burst of 100 readings, but only 3 requests.
            HttpResponse<String> response = postJson("/v1/ingest", readings(collar.id(), batch * 1000, 1000),
                    collar.deviceToken());
            assertEquals(201, response.statusCode(), response.body());
            assertEquals(1000, json(response).getInt("stored"));
        }
        assertEquals(3000, TestDatabase.countReadings(collar.id()));

        HttpResponse<String> tooMany = postJson("/v1/ingest", readings(collar.id(), 5000, 1001), collar.deviceToken());
        assertEquals(413, tooMany.statusCode());
        assertEquals(3000, TestDatabase.countReadings(collar.id()));
    }

    @Test
    void aBatchWithNoValidReadingIs422NamingEachReadingsFields() {
        Fleet.Collar collar = Fleet.newCollar();
        String batch = batch(List.of(reading(collar.id(), START).replace("\"activity_level\": 1", "\"activity_level\": 7"),
                "{\"collar_id\": \"" + collar.id() + "\"}"));

        HttpResponse<String> response = postJson("/v1/ingest", batch, collar.deviceToken());

        assertEquals(422, response.statusCode());
        List<String> fields = json(response).getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(error -> error.getString("field")).toList();
        assertEquals(List.of("readings[0].activity_level", "readings[1].timestamp", "readings[1].heart_rate",
                "readings[1].activity_level"), fields);
    }

    private static List<String> statuses(JsonObject receipt) {
        return receipt.getJsonArray("results").getValuesAs(JsonObject.class).stream()
                .map(result -> result.getString("status")).toList();
    }

    private static String readings(String collar, int from, int count) {
        List<String> readings = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            readings.add(reading(collar, START.plusMillis(i)));
        }
        return batch(readings);
    }
}
