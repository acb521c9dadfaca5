package io.petty.api.http;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import jakarta.json.spi.JsonProvider;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reads a request body as one JSON object within the limits every endpoint shares, so that no body can make the
 * server recurse, allocate or compute without bound: nesting at most {@value #MAX_DEPTH} deep, strings of at most
 * {@value #MAX_STRING_CHARS} characters and without U+0000 (PostgreSQL text cannot hold it), numbers of at most
 * {@value #MAX_NUMBER_CHARS} characters. Broken JSON is a 400 that says where; a value over a limit is a 422 that
 * names its field. The collar's readings are streamed by their own reader, which applies {@link #decimal} too.
 */
public final class JsonInput {

    public static final int MAX_DEPTH = 32;
    public static final int MAX_STRING_CHARS = 65_536;
    public static final int MAX_NUMBER_CHARS = 64;
    /** Decimal exponents beyond this are no measurement (and overflow a double); refusing them keeps arithmetic cheap. */
    private static final int MAX_EXPONENT = 300;
    /** What a field is told when {@link #decimal} refused its number. */
    public static final String NUMBER_OUT_OF_RANGE = "is not a number within range";

    /** Looking the JSON provider up is costly, so these are made once. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = JSON.createBuilderFactory(Map.of());

    private JsonInput() {
    }

    /**
     * @throws ProblemException    400 when the body is not exactly one JSON object, or nests too deep
     * @throws InvalidInputException a string or number over its limit, named by its path
     */
    public static JsonObject object(byte[] body) {
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
                throw malformed("The body must be a JSON object.");
            }
            JsonObject object = new TreeReader(parser).object();
            if (parser.hasNext()) {
                throw malformed("The body must hold one JSON object only.");
            }
            return object;
        } catch (JsonParsingException e) {
            throw malformed("The body is not valid JSON (" + where(e.getLocation()) + ").");
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw malformed("The body is not valid JSON.");
        }
    }

    /**
     * A JSON number as a decimal, or empty when it is longer than {@value #MAX_NUMBER_CHARS} characters or its
     * exponent is beyond ±{@value #MAX_EXPONENT} ({@code 1e9999999999} overflows BigDecimal's scale itself).
     */
    public static Optional<BigDecimal> decimal(String text) {
        if (text.length() > MAX_NUMBER_CHARS) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(text);
            long exponent = (long) value.precision() - value.scale() - 1; // 1.5e300 -> 300
            return Math.abs(exponent) > MAX_EXPONENT ? Optional.empty() : Optional.of(value);
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Exact doubles: 10^k for k <= 22 is representable, so a division by one of them is correctly rounded. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};
    /** At most this many digits fit a double's 53-bit mantissa exactly. */
    private static final int EXACT_DIGITS = 15;

    /**
     * A JSON number as the nearest double, exactly as {@code decimal(text).doubleValue()}, or NaN where
     * {@link #decimal} refuses it. Plain numbers of up to 15 digits ({@code -0.0123}, a sensor's sample) take a fast
     * path, an exact integer divided by an exact power of ten (Clinger's); anything else goes through
     * {@link #decimal}. Measured: decimals were 40 % of the server's CPU under ingest with motion windows.
     */
    public static double number(String text) {
        int length = text.length();
        boolean negative = length > 0 && text.charAt(0) == '-';
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = -1;
        for (int i = negative ? 1 : 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && digits < EXACT_DIGITS) {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                fractionDigits += fractionDigits >= 0 ? 1 : 0;
            } else if (c == '.' && fractionDigits < 0) {
                fractionDigits = 0;
            } else {
                return decimal(text).map(BigDecimal::doubleValue).orElse(Double.NaN);
            }
        }
        if (digits == 0) {
            return decimal(text).map(BigDecimal::doubleValue).orElse(Double.NaN);
        }
        double magnitude = fractionDigits > 0 ? mantissa / POWERS_OF_TEN[fractionDigits] : mantissa;
        return negative && mantissa != 0 ? -magnitude : magnitude;
    }

    /**
     * Reads past a value the reader does not want (an unknown field), the parser just past its first event.
     *
     * @throws ProblemException 400 when the value nests deeper than {@value #MAX_DEPTH} levels
     */
    public static void skip(Event first, JsonParser parser) {
        int depth = first == Event.START_OBJECT || first == Event.START_ARRAY ? 1 : 0;
        while (depth > 0) {
            Event event = parser.next();
            if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                if (++depth > MAX_DEPTH) {
                    throw malformed("The body nests deeper than " + MAX_DEPTH + " levels.");
                }
            } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                depth--;
            }
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "unexpected input"
                : "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED_JSON, detail);
    }

    /** Builds the tree from parser events with an explicit stack: depth is checked, never recursed on. */
    private static final class TreeReader {
        private final JsonParser parser;
        private final Deque<Level> levels = new ArrayDeque<>();

        TreeReader(JsonParser parser) {
            this.parser = parser;
        }

        /** The parser has just passed the outermost {@code {}. */
        JsonObject object() {
            levels.push(Level.object(""));
            while (true) {
                Level level = levels.peek();
                Event event = parser.next();
                if (event == Event.KEY_NAME) {
                    level.key = parser.getString();
                    continue;
                }
                if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                    levels.pop();
                    JsonValue done = level.build();
                    if (levels.isEmpty()) {
                        return (JsonObject) done;
                    }
                    levels.peek().add(done);
                    continue;
                }
                String path = level.childPath();
                if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                    if (levels.size() >= MAX_DEPTH) {
                        throw malformed("The body nests deeper than " + MAX_DEPTH + " levels.");
                    }
                    levels.push(event == Event.START_OBJECT ? Level.object(path) : Level.array(path));
                    continue;
                }
                level.add(scalar(event, path));
            }
        }

        private JsonValue scalar(Event event, String path) {
            return switch (event) {
                case VALUE_STRING -> {
                    String text = parser.getString();
                    if (text.length() > MAX_STRING_CHARS) {
                        throw violation(path, "must be at most " + MAX_STRING_CHARS + " characters");
                    }
                    if (text.indexOf('\0') >= 0) {
                        throw violation(path, "must not contain the NUL character (U+0000)");
                    }
                    yield JSON.createValue(text);
                }
                case VALUE_NUMBER -> JSON.createValue(decimal(parser.getString())
                        .orElseThrow(() -> violation(path, NUMBER_OUT_OF_RANGE)));
                case VALUE_TRUE -> JsonValue.TRUE;
                case VALUE_FALSE -> JsonValue.FALSE;
                default -> JsonValue.NULL;
            };
        }

        private static InvalidInputException violation(String path, String message) {
            return new InvalidInputException(List.of(new FieldViolation(path, message)));
        }
    }

    /** One open object or array, and the path of its members for error messages ({@code home.lat}, {@code kinds[2]}). */
    private static final class Level {
        private final String path;
        private final JsonObjectBuilder object;
        private final JsonArrayBuilder array;
        private String key;
        private int size;

        private Level(String path, JsonObjectBuilder object, JsonArrayBuilder array) {
            this.path = path;
            this.object = object;
            this.array = array;
        }

        static Level object(String path) {
            return new Level(path, BUILDERS.createObjectBuilder(), null);
        }

        static Level array(String path) {
            return new Level(path, null, BUILDERS.createArrayBuilder());
        }

        String childPath() {
            if (object != null) {
                return path.isEmpty() ? key : path + "." + key;
            }
            return path + "[" + size + "]";
        }

        void add(JsonValue value) {
            if (object != null) {
                object.add(key, value);
            } else {
                array.add(value);
            }
            size++;
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }
}
