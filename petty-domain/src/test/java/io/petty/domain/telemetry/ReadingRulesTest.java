package io.petty.domain.telemetry;

import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadingRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final ReadingRules rules = new ReadingRules(Clock.fixed(NOW, ZoneOffset.UTC));

    /** {@code quick}: whether the value is in the collars' form and a real instant, so read without a formatter. */
    @ParameterizedTest
    @CsvSource({"2026-11-25T10:15:00Z, true", "2026-11-25T10:15:00.123456Z, true", "2026-11-25T10:15:00.1Z, true",
            "2024-02-29T23:59:59.999999999Z, true", "2026-02-29T00:00:00Z, false", "2026-13-01T00:00:00Z, false",
            "2026-11-25T24:00:00Z, false", "2026-11-25T10:60:00Z, false", "2026-11-25T10:15:60Z, false",
            "2026-11-31T10:15:00Z, false", "2026-11-25T10:15:00+02:00, false", "2026-11-25 10:15:00Z, false",
            "2026-11-25T10:15:00.Z, false", "2026-11-25T10:15:00.1234567890Z, false", "2026-11-25T10:15Z, false",
            "+2026-11-25T10:15:00Z, false", "2026-1a-25T10:15:00Z, false", "2026-11-25T10:15:00.12x4Z, false"})
    void theQuickReadingOfTheCollarsFormAgreesWithTheGeneralParser(String value, boolean quick) {
        Instant read = ReadingRules.parseCanonicalUtc(value);
        assertEquals(quick, read != null, value);
        if (quick) {
            assertEquals(OffsetDateTime.parse(value).toInstant(), read, value);
        }
    }

    @Test
    void formsTheQuickReadingLeavesAreStillReadByTheGeneralParsers() {
        assertEquals(Instant.parse("2026-11-25T08:15:00Z"), ReadingRules.parseTimestamp("2026-11-25T10:15:00+02:00"));
        assertEquals(Instant.parse("2026-11-25T10:15:00Z"), ReadingRules.parseTimestamp("2026-11-25T10:15:00"));
        assertEquals(Instant.parse("2026-11-25T10:15:00Z"), ReadingRules.parseTimestamp("2026-11-25T10:15Z"));
        assertNull(ReadingRules.parseTimestamp("2026-02-29T00:00:00Z"));
    }

    @Test
    void theQuickReadingTakesEveryInstantInTheFormCollarsSend() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)
                    / (i % 3 == 0 ? 1 : 1000) * (i % 3 == 0 ? 1 : 1000));
            assertEquals(instant, ReadingRules.parseCanonicalUtc(instant.toString()), instant.toString());
        }
    }

    @Test
    void acceptsACompleteReadingAndKeepsEveryValue() {
        Reading reading = rules.validate(valid().build());

        assertEquals("SN-12345", reading.collarId());
        assertEquals(Instant.parse("2026-11-25T11:00:00Z"), reading.timestamp());
        assertEquals(72, reading.heartRate());
        assertEquals(ActivityLevel.WALKING, reading.activityLevel());
        assertEquals(new GeoPoint(60_169_900, 24_938_400), reading.location());
        assertEquals(87, reading.batteryPct());
        assertEquals(38.6, reading.temperatureC());
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        Reading reading = rules.validate(valid().location(null).battery(null).temperature(null).build());
        assertNull(reading.location());
        assertNull(reading.batteryPct());
        assertNull(reading.temperatureC());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SN-123", "SN-123456", "AB-000"})
    void acceptsCollarIdsOfThreeToSixDigits(String collarId) {
        assertEquals(collarId, rules.validate(valid().collarId(collarId).build()).collarId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SN-12", "SN-1234567", "sn-12345", "S-12345", "SN12345", "SN-12a45", " SN-12345"})
    void rejectsMalformedCollarIds(String collarId) {
        assertOnlyViolation("collar_id", valid().collarId(collarId));
    }

    @ParameterizedTest
    @CsvSource({"29, false", "30, true", "31, true", "299, true", "300, true", "301, false"})
    void heartRateIsBoundedAt30And300(int heartRate, boolean accepted) {
        assertAcceptance(accepted, "heart_rate", valid().heartRate(BigDecimal.valueOf(heartRate)));
    }

    @Test
    void heartRateMustBeWhole() {
        assertOnlyViolation("heart_rate", valid().heartRate(new BigDecimal("72.5")));
        assertEquals(72, rules.validate(valid().heartRate(new BigDecimal("72.0")).build()).heartRate());
    }

    @ParameterizedTest
    @CsvSource({"-1, false", "0, true", "1, true", "2, true", "3, false"})
    void activityLevelIsZeroOneOrTwo(int level, boolean accepted) {
        assertAcceptance(accepted, "activity_level", valid().activity(BigDecimal.valueOf(level)));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-11-25T13:00:00Z, true",          // exactly 1 h ahead
            "2026-11-25T12:59:59.999Z, true",      // just inside
            "2026-11-25T13:00:00.001Z, false",     // just outside
            "2026-10-26T12:00:00Z, true",          // exactly 30 days old
            "2026-10-26T12:00:00.001Z, true",      // just inside
            "2026-10-26T11:59:59.999Z, false"})    // just outside
    void timestampIsAtMostOneHourAheadAndThirtyDaysOld(String timestamp, boolean accepted) {
        assertAcceptance(accepted, "timestamp", valid().timestamp(timestamp));
    }

    @Test
    void lateEveningReadingsAreAcceptedAcrossMidnight() {
        // The original crashed computing "one hour ahead" at 23:xx. Here the window simply spans midnight.
        ReadingRules lateEvening = new ReadingRules(Clock.fixed(Instant.parse("2026-11-25T23:30:00Z"), ZoneOffset.UTC));

        assertEquals(Instant.parse("2026-11-26T00:29:59Z"),
                lateEvening.validate(valid().timestamp("2026-11-26T00:29:59Z").build()).timestamp());
        assertEquals(Instant.parse("2026-11-25T23:59:00Z"),
                lateEvening.validate(valid().timestamp("2026-11-25T23:59:00Z").build()).timestamp());
        assertThrows(InvalidInputException.class,
                () -> lateEvening.validate(valid().timestamp("2026-11-26T00:30:01Z").build()));
    }

    @Test
    void aTimestampWithoutOffsetIsUtcAndOneWithOffsetIsConverted() {
        assertEquals(Instant.parse("2026-11-25T11:30:00Z"),
                rules.validate(valid().timestamp("2026-11-25T11:30:00").build()).timestamp());
        assertEquals(Instant.parse("2026-11-25T11:30:00Z"),
                rules.validate(valid().timestamp("2026-11-25T13:30:00+02:00").build()).timestamp());
    }

    @Test
    void timestampIsKeptToTheMicrosecondAsPostgresqlStoresIt() {
        assertEquals(Instant.parse("2026-11-25T11:30:00.123456Z"),
                rules.validate(valid().timestamp("2026-11-25T11:30:00.123456789Z").build()).timestamp());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-25", "25/11/2026 11:00", "2026-11-25T25:00:00Z", ""})
    void rejectsTimestampsThatAreNotIsoDateTimes(String timestamp) {
        assertOnlyViolation("timestamp", valid().timestamp(timestamp));
    }

    @ParameterizedTest
    @CsvSource({
            "180, 90, true", "-180, -90, true", "180.0000001, 0, false", "-180.000001, 0, false",
            "0, 90.000001, false", "0, -90.0000001, false"})
    void coordinatesAreLongitudeThenLatitudeWithinRange(String lon, String lat, boolean accepted) {
        ReadingInput.LocationInput location = new ReadingInput.LocationInput("Point",
                List.of(new BigDecimal(lon), new BigDecimal(lat)));
        ReadingInput input = valid().location(location).build();
        if (accepted) {
            rules.validate(input);
        } else {
            List<FieldViolation> violations = assertThrows(InvalidInputException.class, () -> rules.validate(input))
                    .violations();
            assertEquals(1, violations.size());
        }
    }

    @Test
    void coordinatesAreStoredToSixDecimals() {
        ReadingInput.LocationInput location = new ReadingInput.LocationInput("Point",
                List.of(new BigDecimal("24.93841249"), new BigDecimal("60.1698556")));
        GeoPoint point = rules.validate(valid().location(location).build()).location();
        assertEquals(24.938412, point.lon());
        assertEquals(60.169856, point.lat());
    }

    @Test
    void locationMustBeAPointWithTwoCoordinates() {
        assertOnlyViolation("location.type", valid().location(
                new ReadingInput.LocationInput("LineString", List.of(BigDecimal.ONE, BigDecimal.ONE))));
        assertOnlyViolation("location.coordinates", valid().location(
                new ReadingInput.LocationInput("Point", List.of(BigDecimal.ONE))));
        assertOnlyViolation("location.coordinates", valid().location(new ReadingInput.LocationInput("Point", null)));
    }

    @ParameterizedTest
    @CsvSource({"-1, false", "0, true", "100, true", "101, false"})
    void batteryIsAPercentage(int battery, boolean accepted) {
        assertAcceptance(accepted, "battery_pct", valid().battery(BigDecimal.valueOf(battery)));
    }

    @ParameterizedTest
    @CsvSource({"-20.1, false", "-20, true", "60, true", "60.1, false"})
    void temperatureIsWithinWhatTheSensorCanReport(String temperature, boolean accepted) {
        assertAcceptance(accepted, "temperature_c", valid().temperature(new BigDecimal(temperature)));
    }

    @Test
    void namesEveryBrokenFieldAtOnce() {
        ReadingInput input = new ReadingInput(null, null, null, null, null, null, null, null);
        List<String> fields = assertThrows(InvalidInputException.class, () -> rules.validate(input)).violations()
                .stream().map(FieldViolation::field).toList();
        assertEquals(List.of("collar_id", "timestamp", "heart_rate", "activity_level"), fields);
    }

    @Test
    void aMotionWindowIsKeptAsFloat32Samples() {
        MotionWindow motion = rules.validate(valid().motion(motion(50, samples(100, "0.01"), samples(100, "1.5")))
                .build()).motion();
        assertEquals(50, motion.hz());
        assertEquals(100, motion.samples());
        assertEquals(300, motion.accel().length);
        assertEquals(0.01f, motion.accel()[0]);
        assertEquals(1.5f, motion.gyro()[299]);
    }

    @ParameterizedTest
    @CsvSource({"9, false", "10, true", "200, true", "201, false"})
    void motionIsSampledAtTenTo200Hz(int hz, boolean accepted) {
        assertAcceptance(accepted, "motion.hz", valid().motion(motion(hz, samples(10, "0.1"), null)));
    }

    @Test
    void aMotionWindowCoversAtMostTenSeconds() {
        rules.validate(valid().motion(motion(10, samples(100, "0.1"), null)).build());
        assertOnlyViolation("motion.accel", valid().motion(motion(10, samples(101, "0.1"), null)));
    }

    @Test
    void motionSamplesAreTriplesWithinTheSensorsRange() {
        assertOnlyViolation("motion.accel[0]", valid().motion(motion(50, samples(3, "16.01"), null)));
        assertOnlyViolation("motion.gyro[0]", valid().motion(motion(50, samples(3, "0.1"), samples(3, "2000.5"))));
        assertOnlyViolation("motion.gyro", valid().motion(motion(50, samples(3, "0.1"), samples(2, "0.1"))));
        assertOnlyViolation("motion.accel[0]", valid().motion(new ReadingInput.MotionInput(BigDecimal.TEN,
                List.of(new double[] {1, 1}), null)));
        List<double[]> notNumbers = new ArrayList<>(samples(3, "0.1"));
        notNumbers.set(1, null);
        assertOnlyViolation("motion.accel[1]", valid().motion(motion(50, notNumbers, null)));
        assertOnlyViolation("motion.accel", valid().motion(new ReadingInput.MotionInput(BigDecimal.TEN, List.of(), null)));
    }

    private static ReadingInput.MotionInput motion(int hz, List<double[]> accel, List<double[]> gyro) {
        return new ReadingInput.MotionInput(BigDecimal.valueOf(hz), accel, gyro);
    }

    private static List<double[]> samples(int count, String value) {
        double component = Double.parseDouble(value);
        return Collections.nCopies(count, new double[] {component, -component, component});
    }

    private void assertAcceptance(boolean accepted, String field, Input input) {
        if (accepted) {
            rules.validate(input.build());
        } else {
            assertOnlyViolation(field, input);
        }
    }

    private void assertOnlyViolation(String field, Input input) {
        InvalidInputException invalid = assertThrows(InvalidInputException.class, () -> rules.validate(input.build()));
        assertEquals(List.of(field), invalid.violations().stream().map(FieldViolation::field).toList());
    }

    private static Input valid() {
        return new Input();
    }

    /** A valid reading input, changed one field at a time. */
    private static final class Input {
        private String collarId = "SN-12345";
        private String timestamp = "2026-11-25T11:00:00Z";
        private BigDecimal heartRate = BigDecimal.valueOf(72);
        private BigDecimal activity = BigDecimal.ONE;
        private ReadingInput.LocationInput location = new ReadingInput.LocationInput("Point",
                List.of(new BigDecimal("24.9384"), new BigDecimal("60.1699")));
        private BigDecimal battery = BigDecimal.valueOf(87);
        private BigDecimal temperature = new BigDecimal("38.6");
        private ReadingInput.MotionInput motion;

        Input collarId(String value) { collarId = value; return this; }
        Input timestamp(String value) { timestamp = value; return this; }
        Input heartRate(BigDecimal value) { heartRate = value; return this; }
        Input activity(BigDecimal value) { activity = value; return this; }
        Input location(ReadingInput.LocationInput value) { location = value; return this; }
        Input battery(BigDecimal value) { battery = value; return this; }
        Input temperature(BigDecimal value) { temperature = value; return this; }
        Input motion(ReadingInput.MotionInput value) { motion = value; return this; }

        ReadingInput build() {
            return new ReadingInput(collarId, timestamp, heartRate, activity, location, battery, temperature, motion);
        }
    }
}
