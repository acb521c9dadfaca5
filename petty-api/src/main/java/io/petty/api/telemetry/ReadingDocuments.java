package io.petty.api.telemetry;

import io.petty.api.http.JsonInput;
import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.domain.telemetry.IngestItem;
import io.petty.domain.telemetry.ReadingInput;
import io.petty.domain.telemetry.ReadingRules;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the collar's reading document. Read as a stream of JSON events rather than bound or built into a tree
 * (ingest is the hottest path, and a batch holds up to 1,000 readings), so that a value of the wrong JSON type
 * is reported against its field (422) instead of failing the whole body (400). Unknown fields are ignored, as
 * the original did; {@code null} means absent.
 */
@ApplicationScoped
public class ReadingDocuments {

    private static final ReadingInput EMPTY = new ReadingInput(null, null, null, null, null, null, null, null);

    /** Looking up the JSON provider is costly, so one factory serves every request. */
    private final JsonParserFactory parsers = Json.createParserFactory(Map.of());

    /** A body holds one reading, or a batch {@code {"readings": [...]}}. */
    public sealed interface IngestDocument permits Single, Batch {
    }

    public record Single(IngestItem item) implements IngestDocument {
    }

    public record Batch(List<IngestItem> items) implements IngestDocument {
    }

    /**
     * @param body the request body, UTF-8 (RFC 8259)
     * @throws ProblemException 400 when the body is not one JSON object, 413 when it holds more than
     *                          {@value ReadingRules#MAX_BATCH} readings
     * @throws InvalidInputException when {@code readings} is not an array of at least one reading; a reading with
     *                               a field of the wrong JSON type is read, with that error, for the rules to refuse
     *                               (and keep as a dead letter)
     */
    public IngestDocument read(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
                throw malformed("The body must be a JSON object.");
            }
            int start = (int) parser.getLocation().getStreamOffset() - 1;
            Fields single = new Fields();
            List<IngestItem> batch = null;
            boolean readingsMisshaped = false;
            while (parser.next() != Event.END_OBJECT) {
                String key = parser.getString();
                Event value = parser.next();
                if (!key.equals("readings")) {
                    single.read(key, value, parser);
                } else if (value == Event.START_ARRAY) {
                    batch = items(parser, text);
                    readingsMisshaped = batch.isEmpty();
                } else {
                    batch = null;
                    readingsMisshaped = value != Event.VALUE_NULL;
                    JsonInput.skip(value, parser);
                }
            }
            int end = (int) parser.getLocation().getStreamOffset();
            if (parser.hasNext()) {
                throw malformed("The body must hold one JSON object only.");
            }
            if (readingsMisshaped) {
                throw new InvalidInputException(List.of(new FieldViolation("readings",
                        "must be an array of 1 to " + ReadingRules.MAX_BATCH + " readings")));
            }
            return batch != null ? new Batch(batch) : new Single(single.item(text, start, end));
        } catch (JsonException e) {
            throw malformed("The body is not valid JSON: " + e.getMessage());
        }
    }

    /** The readings of {@code "readings": [...]}, the parser just past the array's start. */
    private static List<IngestItem> items(JsonParser parser, String text) {
        List<IngestItem> items = new ArrayList<>();
        for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
            if (items.size() == ReadingRules.MAX_BATCH) {
                throw new ProblemException(ProblemType.BODY_TOO_LARGE,
                        "A batch holds at most " + ReadingRules.MAX_BATCH + " readings; this one has more.");
            }
            if (event == Event.START_OBJECT) {
                int start = (int) parser.getLocation().getStreamOffset() - 1;
                Fields fields = new Fields();
                while (parser.next() != Event.END_OBJECT) {
                    String key = parser.getString();
                    fields.read(key, parser.next(), parser);
                }
                items.add(fields.item(text, start, (int) parser.getLocation().getStreamOffset()));
            } else {
                String source = parser.getValue().toString();
                items.add(new IngestItem(EMPTY, List.of(new FieldViolation("reading", "must be a JSON object")),
                        () -> source));
            }
        }
        return items;
    }

    /** One reading's fields as they stream past, and what was wrong with their JSON types. */
    private static final class Fields {
        private final List<FieldViolation> violations = new ArrayList<>();
        private String collarId;
        private String timestamp;
        private BigDecimal heartRate;
        private BigDecimal activityLevel;
        private ReadingInput.LocationInput location;
        private BigDecimal batteryPct;
        private BigDecimal temperatureC;
        private ReadingInput.MotionInput motion;

        void read(String key, Event value, JsonParser parser) {
            switch (key) {
                case "collar_id" -> collarId = string(value, parser, key, violations);
                case "timestamp" -> timestamp = string(value, parser, key, violations);
                case "heart_rate" -> heartRate = number(value, parser, key, violations);
                case "activity_level" -> activityLevel = number(value, parser, key, violations);
                case "location" -> location = location(value, parser, violations);
                case "battery_pct" -> batteryPct = number(value, parser, key, violations);
                case "temperature_c" -> temperatureC = number(value, parser, key, violations);
                case "motion" -> motion = motion(value, parser, violations);
                default -> JsonInput.skip(value, parser);
            }
        }

        /** @param start where the reading's text begins in {@code text}, {@code end} just after it */
        IngestItem item(String text, int start, int end) {
            return new IngestItem(new ReadingInput(collarId, timestamp, heartRate, activityLevel, location,
                    batteryPct, temperatureC, motion), violations, () -> text.substring(start, end));
        }
    }

    private static String string(Event value, JsonParser parser, String field, List<FieldViolation> violations) {
        if (value == Event.VALUE_STRING) {
            return parser.getString();
        }
        wrongType(value, parser, field, "must be a string", violations);
        return null;
    }

    private static BigDecimal number(Event value, JsonParser parser, String field, List<FieldViolation> violations) {
        if (value == Event.VALUE_NUMBER) {
            BigDecimal number = JsonInput.decimal(parser.getString()).orElse(null);
            if (number == null) {
                violations.add(new FieldViolation(field, JsonInput.NUMBER_OUT_OF_RANGE));
            }
            return number;
        }
        wrongType(value, parser, field, "must be a number", violations);
        return null;
    }

    private static ReadingInput.LocationInput location(Event value, JsonParser parser,
                                                       List<FieldViolation> violations) {
        if (value != Event.START_OBJECT) {
            wrongType(value, parser, "location", "must be a GeoJSON Point object", violations);
            return null;
        }
        String type = null;
        List<BigDecimal> coordinates = null;
        while (parser.next() != Event.END_OBJECT) {
            String key = parser.getString();
            Event member = parser.next();
            if (key.equals("type")) {
                type = string(member, parser, "location.type", violations);
            } else if (key.equals("coordinates") && member == Event.START_ARRAY) {
                coordinates = new ArrayList<>(2);
                for (Event element = parser.next(); element != Event.END_ARRAY; element = parser.next()) {
                    coordinates.add(number(element, parser, "location.coordinates[" + coordinates.size() + "]",
                            violations));
                }
            } else {
                // A coordinates value that is not an array is left for the rules to call missing.
                JsonInput.skip(member, parser);
            }
        }
        return new ReadingInput.LocationInput(type, coordinates);
    }

    private static ReadingInput.MotionInput motion(Event value, JsonParser parser, List<FieldViolation> violations) {
        if (value != Event.START_OBJECT) {
            wrongType(value, parser, "motion", "must be an object {hz, accel, gyro}", violations);
            return null;
        }
        BigDecimal hz = null;
        List<double[]> accel = null;
        List<double[]> gyro = null;
        while (parser.next() != Event.END_OBJECT) {
            String key = parser.getString();
            Event member = parser.next();
            switch (key) {
                case "hz" -> hz = number(member, parser, "motion.hz", violations);
                case "accel" -> accel = samples(member, parser, "motion.accel", violations);
                case "gyro" -> gyro = samples(member, parser, "motion.gyro", violations);
                default -> JsonInput.skip(member, parser);
            }
        }
        return new ReadingInput.MotionInput(hz, accel, gyro);
    }

    /** A list of [x, y, z] samples; the first sample of the wrong JSON type is named, and the list dropped. */
    private static List<double[]> samples(Event value, JsonParser parser, String field,
                                          List<FieldViolation> violations) {
        if (value != Event.START_ARRAY) {
            wrongType(value, parser, field, "must be a list of [x, y, z] samples", violations);
            return null;
        }
        List<double[]> samples = new ArrayList<>();
        boolean wellTyped = true;
        for (Event element = parser.next(); element != Event.END_ARRAY; element = parser.next()) {
            double[] sample = null;
            if (element == Event.START_ARRAY) {
                sample = sample(parser);
            } else {
                JsonInput.skip(element, parser);
            }
            if (sample != null && wellTyped) {
                samples.add(sample);
            } else if (wellTyped) {
                violations.add(new FieldViolation(field + "[" + samples.size() + "]", "must be [x, y, z] numbers"));
                wellTyped = false;
            }
        }
        return wellTyped ? samples : null;
    }

    /**
     * Reads one sample, the parser just past its {@code [}: its numbers (as many as it holds), or null when not all
     * are numbers within {@link JsonInput#decimal}'s range.
     */
    private static double[] sample(JsonParser parser) {
        double[] sample = new double[3];
        int count = 0;
        boolean numbers = true;
        for (Event component = parser.next(); component != Event.END_ARRAY; component = parser.next()) {
            double number = component == Event.VALUE_NUMBER ? JsonInput.number(parser.getString()) : Double.NaN;
            if (Double.isNaN(number)) {
                numbers = false;
                JsonInput.skip(component, parser);
            } else if (numbers) {
                if (count == sample.length) {
                    sample = Arrays.copyOf(sample, count * 2);
                }
                sample[count++] = number;
            }
        }
        return numbers ? Arrays.copyOf(sample, count) : null;
    }

    /** {@code null} is absent, not wrong; anything else of the wrong type is named, and read past. */
    private static void wrongType(Event value, JsonParser parser, String field, String message,
                                  List<FieldViolation> violations) {
        if (value != Event.VALUE_NULL) {
            violations.add(new FieldViolation(field, message));
            JsonInput.skip(value, parser);
        }
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED_JSON, detail);
    }
}
