package io.petty.api.telemetry;

import io.petty.api.http.BodyLimit;
import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.domain.telemetry.IngestItem;
import io.petty.domain.telemetry.ReadingInput;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the collar's reading document. Parsed by hand rather than bound, so that a value of the wrong
 * JSON type is reported against its field (422) instead of failing the whole body (400). Unknown fields
 * are ignored, as the original did; {@code null} means absent.
 */
@ApplicationScoped
public class ReadingDocuments {

    /** Looking up the JSON provider is costly, so one factory serves every request. */
    private final JsonParserFactory parsers = Json.createParserFactory(Map.of());

    /** The most readings one request may carry. */
    public static final int MAX_BATCH = 1000;

    /** A body holds one reading, or a batch {@code {"readings": [...]}}. */
    public sealed interface IngestDocument permits Single, Batch {
    }

    public record Single(IngestItem item) implements IngestDocument {
    }

    public record Batch(List<IngestItem> items) implements IngestDocument {
    }

    /**
     * @throws ProblemException 400 when the body is not a JSON object, 413 when it is over the size limit or
     *                          holds more than {@value #MAX_BATCH} readings
     * @throws InvalidInputException when a batch is empty; a reading with a field of the wrong JSON type is read,
     *                               with that error, for the rules to refuse (and keep as a dead letter)
     */
    public IngestDocument read(InputStream body) {
        JsonObject document = parseObject(body);
        JsonValue readings = present(document, "readings");
        if (readings == null) {
            return new Single(item(document));
        }
        if (!(readings instanceof JsonArray array) || array.isEmpty()) {
            throw new InvalidInputException(List.of(new FieldViolation("readings",
                    "must be an array of 1 to " + MAX_BATCH + " readings")));
        }
        if (array.size() > MAX_BATCH) {
            throw new ProblemException(ProblemType.BODY_TOO_LARGE, "A batch holds at most " + MAX_BATCH
                    + " readings; this one has " + array.size() + ".");
        }
        List<IngestItem> items = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            items.add(value instanceof JsonObject reading ? item(reading) : new IngestItem(EMPTY,
                    List.of(new FieldViolation("reading", "must be a JSON object")), value::toString));
        }
        return new Batch(items);
    }

    private static final ReadingInput EMPTY = new ReadingInput(null, null, null, null, null, null, null, null);

    private static IngestItem item(JsonObject document) {
        List<FieldViolation> violations = new ArrayList<>();
        ReadingInput input = new ReadingInput(
                string(present(document, "collar_id"), "collar_id", violations),
                string(present(document, "timestamp"), "timestamp", violations),
                number(present(document, "heart_rate"), "heart_rate", violations),
                number(present(document, "activity_level"), "activity_level", violations),
                location(present(document, "location"), violations),
                number(present(document, "battery_pct"), "battery_pct", violations),
                number(present(document, "temperature_c"), "temperature_c", violations),
                motion(present(document, "motion"), violations));
        return new IngestItem(input, violations, document::toString);
    }

    private JsonObject parseObject(InputStream body) {
        try (JsonParser parser = parsers.createParser(body)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object.");
            }
            JsonObject document = parser.getObject();
            if (parser.hasNext()) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must hold one JSON object only.");
            }
            return document;
        } catch (JsonParsingException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body is not valid JSON: " + e.getMessage());
        } catch (JsonException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BodyLimit.BodyTooLargeException tooLarge) {
                    throw BodyLimit.tooLarge(tooLarge.maxBytes());
                }
            }
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body could not be read as JSON.");
        }
    }

    private static String string(JsonValue value, String field, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        violations.add(new FieldViolation(field, "must be a string"));
        return null;
    }

    private static BigDecimal number(JsonValue value, String field, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return number.bigDecimalValue();
        }
        violations.add(new FieldViolation(field, "must be a number"));
        return null;
    }

    private static ReadingInput.LocationInput location(JsonValue value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject location)) {
            violations.add(new FieldViolation("location", "must be a GeoJSON Point object"));
            return null;
        }
        String type = string(present(location, "type"), "location.type", violations);
        JsonValue coordinates = present(location, "coordinates");
        if (!(coordinates instanceof JsonArray array)) {
            return new ReadingInput.LocationInput(type, null);
        }
        List<BigDecimal> numbers = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            numbers.add(number(array.get(i), "location.coordinates[" + i + "]", violations));
        }
        return new ReadingInput.LocationInput(type, numbers);
    }

    private static ReadingInput.MotionInput motion(JsonValue value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject motion)) {
            violations.add(new FieldViolation("motion", "must be an object {hz, accel, gyro}"));
            return null;
        }
        return new ReadingInput.MotionInput(number(present(motion, "hz"), "motion.hz", violations),
                samples(present(motion, "accel"), "motion.accel", violations),
                samples(present(motion, "gyro"), "motion.gyro", violations));
    }

    /** A list of [x, y, z] samples; the first sample of the wrong JSON type is named. */
    private static List<List<BigDecimal>> samples(JsonValue value, String field, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            violations.add(new FieldViolation(field, "must be a list of [x, y, z] samples"));
            return null;
        }
        List<List<BigDecimal>> samples = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonArray sample)
                    || !sample.stream().allMatch(component -> component instanceof JsonNumber)) {
                violations.add(new FieldViolation(field + "[" + i + "]", "must be [x, y, z] numbers"));
                return null;
            }
            samples.add(sample.stream().map(component -> ((JsonNumber) component).bigDecimalValue()).toList());
        }
        return samples;
    }

    private static JsonValue present(JsonObject object, String field) {
        JsonValue value = object.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }
}
