package io.petty.api.telemetry;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.domain.telemetry.IngestItem;
import io.petty.domain.telemetry.ReadingInput;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadingDocumentsTest {

    private final ReadingDocuments documents = new ReadingDocuments();

    @Test
    void readsEveryFieldOfTheCollarsFormatAndIgnoresUnknownOnes() {
        ReadingInput input = single(documents.read(body("""
                {"collar_id": "SN-12345", "timestamp": "2026-11-25T10:15:00Z", "heart_rate": 72,
                 "activity_level": 1, "location": {"type": "Point", "coordinates": [24.9384, 60.1699]},
                 "battery_pct": 87, "temperature_c": 38.6, "firmware": "2.1"}
                """)));

        assertEquals(new ReadingInput("SN-12345", "2026-11-25T10:15:00Z", new BigDecimal("72"), BigDecimal.ONE,
                new ReadingInput.LocationInput("Point", List.of(new BigDecimal("24.9384"), new BigDecimal("60.1699"))),
                new BigDecimal("87"), new BigDecimal("38.6"), null), input);
    }

    @Test
    void readsAMotionWindowAndNamesTheFirstBadSample() {
        ReadingInput input = single(documents.read(body("""
                {"motion": {"hz": 50, "accel": [[0.01, -0.98, 0.12], [0.02, -0.97, 0.11]], "gyro": [[1.2, -0.4, 0.3]]}}
                """)));
        assertEquals(new BigDecimal("50"), input.motion().hz());
        assertArrayEquals(new double[] {0.02, -0.97, 0.11}, input.motion().accel().get(1), 0);
        assertEquals(1, input.motion().gyro().size());

        assertEquals(List.of(new FieldViolation("motion.accel[1]", "must be [x, y, z] numbers")), formatErrors(documents.read(
                body("{\"motion\": {\"hz\": 50, \"accel\": [[0.1, 0.2, 0.3], [0.1, \"x\", 0.3]]}}"))));
    }

    @Test
    void nullMeansAbsent() {
        ReadingInput input = single(documents.read(body("{\"collar_id\": null, \"location\": null}")));
        assertNull(input.collarId());
        assertNull(input.location());
    }

    @Test
    void valuesOfTheWrongJsonTypeAreNamedByTheirPath() {
        List<FieldViolation> errors = formatErrors(documents.read(body("""
                {"collar_id": 12345, "timestamp": 1700000000, "heart_rate": "72", "activity_level": true,
                 "location": {"type": 1, "coordinates": [24.9, "north"]}, "battery_pct": [87], "temperature_c": {}}
                """)));

        assertEquals(List.of(
                new FieldViolation("collar_id", "must be a string"),
                new FieldViolation("timestamp", "must be a string"),
                new FieldViolation("heart_rate", "must be a number"),
                new FieldViolation("activity_level", "must be a number"),
                new FieldViolation("location.type", "must be a string"),
                new FieldViolation("location.coordinates[1]", "must be a number"),
                new FieldViolation("battery_pct", "must be a number"),
                new FieldViolation("temperature_c", "must be a number")), errors);
    }

    @Test
    void aLocationThatIsNotAnObjectIsNamed() {
        assertEquals("location", formatErrors(documents.read(body("{\"location\": [24.9, 60.1]}"))).get(0).field());
    }

    @Test
    void brokenJsonAndNonObjectsAreMalformed() {
        for (String broken : List.of("{\"collar_id\": ", "", "[]", "42", "{\"a\": 1} trailing")) {
            ProblemException problem = assertThrows(ProblemException.class, () -> documents.read(body(broken)), broken);
            assertEquals(ProblemType.MALFORMED_JSON, problem.type(), broken);
        }
    }

    @Test
    void aBatchKeepsEachReadingWithItsOwnFormatErrors() {
        ReadingDocuments.IngestDocument document = documents.read(body("""
                {"readings": [
                  {"collar_id": "SN-12345", "timestamp": "2026-11-25T10:15:00Z", "heart_rate": 72, "activity_level": 1},
                  {"collar_id": "SN-12345", "heart_rate": "fast"},
                  42
                ]}"""));

        List<IngestItem> items = ((ReadingDocuments.Batch) document).items();
        assertEquals(3, items.size());
        assertEquals(List.of(), items.get(0).formatErrors());
        assertEquals(List.of(new FieldViolation("heart_rate", "must be a number")), items.get(1).formatErrors());
        assertEquals("reading", items.get(2).formatErrors().get(0).field());
        assertEquals("{\"collar_id\": \"SN-12345\", \"heart_rate\": \"fast\"}", items.get(1).source().get(),
                "the reading's text as sent");
        assertEquals("42", items.get(2).source().get());
    }

    @Test
    void aBatchHoldsOneToAThousandReadings() {
        assertThrows(InvalidInputException.class, () -> documents.read(body("{\"readings\": []}")));
        assertThrows(InvalidInputException.class, () -> documents.read(body("{\"readings\": {}}")));
        String reading = "{\"collar_id\": \"SN-12345\"}";
        String thousand = "{\"readings\": [" + String.join(",", Collections.nCopies(1000, reading)) + "]}";
        assertEquals(1000, ((ReadingDocuments.Batch) documents.read(body(thousand))).items().size());
        String tooMany = "{\"readings\": [" + String.join(",", Collections.nCopies(1001, reading)) + "]}";
        ProblemException problem = assertThrows(ProblemException.class, () -> documents.read(body(tooMany)));
        assertEquals(ProblemType.BODY_TOO_LARGE, problem.type());
    }

    @Test
    void readingPastUnknownAndBrokenValuesKeepsEveryFieldAfterThem() {
        ReadingDocuments.IngestDocument document = documents.read(body("""
                {"firmware": {"version": [1, {"patch": [2, 3]}]},
                 "motion": {"hz": 50, "accel": [[0.1, 0.2, 0.3], [0.1, {"x": [1]}, 0.3], [0.4, 0.5, 0.6]],
                            "extra": [[1], 2], "gyro": [[1, 2, 3]]},
                 "collar_id": "SN-12345", "heart_rate": 72,
                 "location": {"type": "Point", "bbox": [1, 2], "coordinates": [24.9, 60.1]}}"""));

        ReadingInput input = single(document);
        assertEquals(List.of(new FieldViolation("motion.accel[1]", "must be [x, y, z] numbers")),
                formatErrors(document));
        assertNull(input.motion().accel(), "a list with a broken sample is dropped");
        assertEquals(1, input.motion().gyro().size(), "what follows the broken sample is still read");
        assertEquals("SN-12345", input.collarId());
        assertEquals(new BigDecimal("72"), input.heartRate());
        assertEquals(List.of(new BigDecimal("24.9"), new BigDecimal("60.1")), input.location().coordinates());
    }

    @Test
    void eachReadingOfABatchKeepsItsTextAsSentAndReadingsNullIsASingleReading() {
        List<IngestItem> items = ((ReadingDocuments.Batch) documents.read(body(
                "{\"readings\": [ {\"a\": 1},\n  {\"b\": [2, 3]} , \"x\" ]}"))).items();
        assertEquals(List.of("{\"a\": 1}", "{\"b\": [2, 3]}", "\"x\""),
                items.stream().map(item -> item.source().get()).toList());

        ReadingDocuments.IngestDocument single = documents.read(body("{\"readings\": null, \"collar_id\": \"SN-1\"}"));
        assertEquals("SN-1", single(single).collarId());
        assertEquals("{\"readings\": null, \"collar_id\": \"SN-1\"}",
                ((ReadingDocuments.Single) single).item().source().get());
    }

    private static ReadingInput single(ReadingDocuments.IngestDocument document) {
        return ((ReadingDocuments.Single) document).item().input();
    }

    private static List<FieldViolation> formatErrors(ReadingDocuments.IngestDocument document) {
        return ((ReadingDocuments.Single) document).item().formatErrors();
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
