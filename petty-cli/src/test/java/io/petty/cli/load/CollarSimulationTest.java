package io.petty.cli.load;

import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.ReadingInput;
import io.petty.domain.telemetry.ReadingRules;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated collars' readings, held to the server's own rules after a trip through their JSON. */
class CollarSimulationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant START = NOW.minus(FleetSimulator.MAX_CLOCK_LAG).plusNanos(123_456_000);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private final ReadingRules rules = new ReadingRules(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyReadingOfHoursOfSeveralCollarsPassesTheServersRulesAsSent() {
        for (int collar = 0; collar < 3; collar++) {
            CollarSimulation simulation = new CollarSimulation("LD-00000" + collar, START, SECOND, false, collar);
            for (int second = 0; second < 6 * 3600; second++) {
                SimulatedReading generated = simulation.next();
                Reading accepted = rules.validate(input(ReadingJson.single(generated)));
                assertEquals(generated.collarId(), accepted.collarId());
                assertEquals(START.plusSeconds(second), accepted.timestamp());
                assertEquals(generated.heartRate(), accepted.heartRate());
            }
        }
    }

    @Test
    void motionWindowsPassTheServersRulesAndGrowWithActivity() {
        CollarSimulation simulation = new CollarSimulation("LD-123456", START, SECOND, true, 7);
        Map<Activity, List<Double>> swings = new EnumMap<>(Activity.class);
        for (int second = 0; second < 2 * 3600; second++) {
            SimulatedReading generated = simulation.next();
            Reading accepted = rules.validate(input(ReadingJson.single(generated)));
            assertNotNull(accepted.motion());
            assertEquals(CollarSimulation.MOTION_HZ * CollarSimulation.MOTION_SECONDS, accepted.motion().samples());
            swings.computeIfAbsent(Activity.values()[generated.activityLevel()], a -> new ArrayList<>())
                    .add(swing(generated.motion().accelMilli()));
        }
        double resting = mean(swings.get(Activity.RESTING));
        double walking = mean(swings.get(Activity.WALKING));
        double playing = mean(swings.get(Activity.PLAYING));
        assertTrue(resting < walking && walking < playing, resting + " < " + walking + " < " + playing);
    }

    @Test
    void aBatchDocumentHoldsConsecutiveReadingsOfOneCollarOneIntervalApart() {
        CollarSimulation simulation = new CollarSimulation("LD-000042", START, Duration.ofMillis(10), false, 1);
        List<SimulatedReading> batch = List.of(simulation.next(), simulation.next(), simulation.next());

        JsonArray readings = parse(ReadingJson.batch(batch)).getJsonArray("readings");

        assertEquals(3, readings.size());
        for (int i = 0; i < 3; i++) {
            Reading reading = rules.validate(input(readings.getJsonObject(i)));
            assertEquals(START.plusMillis(10L * i), reading.timestamp());
            assertEquals(i, batch.get(i).index());
        }
        assertEquals(3, simulation.nextIndex());
    }

    @Test
    void readingKIsStampedKIntervalsAfterTheStartEvenAMicrosecondApart() {
        CollarSimulation simulation = new CollarSimulation("LD-000043", START, Duration.ofNanos(1000), false, 2);
        for (int k = 0; k < 10_000; k++) {
            SimulatedReading reading = simulation.next();
            assertEquals(START.plusNanos(1000L * k), reading.timestamp());
        }
        assertEquals(START.plusSeconds(2), simulation.timestampOf(2_000_000));
    }

    @Test
    void heartRateFollowsTheActivityAndTheDogStaysNearHomeWithTheBatteryRunningDown() {
        CollarSimulation simulation = new CollarSimulation("LD-000001", START, SECOND, false, 3);
        Map<Activity, List<Double>> heartRates = new EnumMap<>(Activity.class);
        SimulatedReading first = simulation.next();
        SimulatedReading last = first;
        for (int second = 1; second < 86_400; second++) {
            last = simulation.next();
            heartRates.computeIfAbsent(Activity.values()[last.activityLevel()], a -> new ArrayList<>())
                    .add((double) last.heartRate());
            double metres = Math.hypot((last.latE6() - first.latE6()) * 0.111, (last.lonE6() - first.lonE6()) * 0.056);
            assertTrue(metres < 1500, "wandered " + metres + " m from where it started");
            assertTrue(last.temperatureDeci() >= 375 && last.temperatureDeci() <= 400, "temperature " + last);
        }
        assertEquals(3, heartRates.size(), "a day has every activity");
        double resting = mean(heartRates.get(Activity.RESTING));
        double walking = mean(heartRates.get(Activity.WALKING));
        double playing = mean(heartRates.get(Activity.PLAYING));
        assertTrue(resting < walking && walking < playing, resting + " < " + walking + " < " + playing);
        assertTrue(resting > 55 && playing < 220, resting + ", " + playing);
        assertTrue(first.batteryPct() != last.batteryPct(), "the battery changes over a day");
    }

    @Test
    void fixedPointNumbersKeepEveryDecimalAndTheSign() {
        assertEquals("-0.005", ReadingJson.fixed(new StringBuilder(), -5, 3).toString());
        assertEquals("24.938400", ReadingJson.fixed(new StringBuilder(), 24_938_400, 6).toString());
        assertEquals("38.6", ReadingJson.fixed(new StringBuilder(), 386, 1).toString());
        assertEquals("-1.000", ReadingJson.fixed(new StringBuilder(), -1000, 3).toString());
    }

    @Test
    void aClockStartsAtMostAWeekBehindWellInsideTheServersThirtyDays() {
        assertTrue(FleetSimulator.MAX_CLOCK_LAG.compareTo(ReadingRules.MAX_AGE.minus(Duration.ofDays(7))) <= 0);
    }

    private enum Activity { RESTING, WALKING, PLAYING }

    /** The largest distance of any accelerometer sample from the window's first, in g. */
    private static double swing(int[] accelMilli) {
        double largest = 0;
        for (int i = 0; i < accelMilli.length; i += 3) {
            largest = Math.max(largest, Math.abs(accelMilli[i + 2] - accelMilli[2]) / 1000.0);
        }
        return largest;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static ReadingInput input(String json) {
        return input(parse(json));
    }

    /** As the server reads a collar's document: numbers exactly as written, absent fields as null. */
    private static ReadingInput input(JsonObject reading) {
        JsonObject location = reading.getJsonObject("location");
        JsonObject motion = reading.containsKey("motion") ? reading.getJsonObject("motion") : null;
        return new ReadingInput(reading.getString("collar_id"), reading.getString("timestamp"),
                number(reading, "heart_rate"), number(reading, "activity_level"),
                new ReadingInput.LocationInput(location.getString("type"), numbers(location.getJsonArray("coordinates"))),
                number(reading, "battery_pct"), number(reading, "temperature_c"),
                motion == null ? null : new ReadingInput.MotionInput(number(motion, "hz"),
                        triples(motion.getJsonArray("accel")), triples(motion.getJsonArray("gyro"))));
    }

    private static BigDecimal number(JsonObject object, String field) {
        return object.getJsonNumber(field).bigDecimalValue();
    }

    private static List<BigDecimal> numbers(JsonArray array) {
        return array.getValuesAs(JsonNumber.class).stream().map(JsonNumber::bigDecimalValue).toList();
    }

    private static List<double[]> triples(JsonArray array) {
        return array.getValuesAs(JsonValue::asJsonArray).stream().map(sample -> sample.getValuesAs(JsonNumber.class)
                .stream().mapToDouble(JsonNumber::doubleValue).toArray()).toList();
    }
}
