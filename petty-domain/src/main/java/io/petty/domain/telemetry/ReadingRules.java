package io.petty.domain.telemetry;

import io.petty.domain.collars.CollarIds;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The limits a reading must meet, inherited from the original system and made exact. */
@Dependent
public class ReadingRules {

    /** The most readings one ingest request may carry. */
    public static final int MAX_BATCH = 1000;
    public static final int MIN_HEART_RATE = 30;
    public static final int MAX_HEART_RATE = 300;
    public static final Duration MAX_AHEAD = Duration.ofHours(1);
    public static final Duration MAX_AGE = Duration.ofDays(30);
    public static final int MIN_BATTERY_PCT = 0;
    public static final int MAX_BATTERY_PCT = 100;
    /** What a collar's thermometer can physically report; beyond this the sensor is broken. */
    public static final BigDecimal MIN_TEMPERATURE_C = BigDecimal.valueOf(-20);
    public static final BigDecimal MAX_TEMPERATURE_C = BigDecimal.valueOf(60);

    public static final int MIN_MOTION_HZ = 10;
    public static final int MAX_MOTION_HZ = 200;
    public static final int MAX_MOTION_SECONDS = 10;
    /** Full scale of the collars' sensors: beyond it a value is noise, not motion. */
    public static final double MAX_ACCEL_G = 16;
    public static final double MAX_GYRO_DPS = 2000;

    private static final BigDecimal MAX_LAT = BigDecimal.valueOf(90);
    private static final BigDecimal MAX_LON = BigDecimal.valueOf(180);

    private final Clock clock;

    @Inject
    public ReadingRules(Clock clock) {
        this.clock = clock;
    }

    /**
     * @return the reading the input describes
     * @throws InvalidInputException naming every field that breaks a rule
     */
    public Reading validate(ReadingInput input) {
        List<FieldViolation> violations = new ArrayList<>();
        String collarId = CollarIds.check("collar_id", input.collarId(), violations);
        Instant timestamp = timestamp(input.timestamp(), violations);
        Integer heartRate = wholeNumber("heart_rate", input.heartRate(), true, MIN_HEART_RATE, MAX_HEART_RATE,
                violations);
        ActivityLevel activity = activityLevel(input.activityLevel(), violations);
        GeoPoint location = location(input.location(), violations);
        Integer battery = wholeNumber("battery_pct", input.batteryPct(), false, MIN_BATTERY_PCT, MAX_BATTERY_PCT,
                violations);
        Double temperature = temperature(input.temperatureC(), violations);
        MotionWindow motion = motion(input.motion(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Reading(collarId, timestamp, heartRate, activity, location, battery, temperature, motion);
    }

    private Instant timestamp(String value, List<FieldViolation> violations) {
        if (value == null) {
            violations.add(new FieldViolation("timestamp", "is required"));
            return null;
        }
        Instant timestamp = parseTimestamp(value);
        if (timestamp == null) {
            violations.add(new FieldViolation("timestamp",
                    "must be an ISO-8601 date-time such as 2026-11-25T10:15:00Z (UTC when no offset is given)"));
            return null;
        }
        Instant now = clock.instant();
        if (timestamp.isAfter(now.plus(MAX_AHEAD))) {
            violations.add(new FieldViolation("timestamp", "must not be more than 1 hour ahead of the server clock"));
            return null;
        }
        if (timestamp.isBefore(now.minus(MAX_AGE))) {
            violations.add(new FieldViolation("timestamp", "must not be more than 30 days old"));
            return null;
        }
        // PostgreSQL keeps microseconds; truncating here makes what is stored equal what is returned.
        return timestamp.truncatedTo(ChronoUnit.MICROS);
    }

    static Instant parseTimestamp(String value) {
        Instant canonical = parseCanonicalUtc(value);
        if (canonical != null) {
            return canonical;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADateTime) {
                return null;
            }
        }
    }

    /**
     * The form collars send, {@code 2026-11-25T10:15:00[.fraction]Z}, read without a formatter: the general
     * parsers cost several microseconds a reading. Anything else, or anything out of range, is left to them.
     *
     * @return the instant, or null when the value is not plainly in this form
     */
    static Instant parseCanonicalUtc(String value) {
        int length = value.length();
        if (length < 20 || length > 30 || value.charAt(length - 1) != 'Z' || value.charAt(4) != '-'
                || value.charAt(7) != '-' || value.charAt(10) != 'T' || value.charAt(13) != ':'
                || value.charAt(16) != ':') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (value.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(value, 20, fractionDigits);
            for (int i = fractionDigits; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || nanos < 0) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }

    /** The decimal number in {@code count} characters from {@code from}, or -1 when one is not a digit. */
    private static int digits(String value, int from, int count) {
        int number = 0;
        for (int i = from; i < from + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    private static Integer wholeNumber(String field, BigDecimal value, boolean required, int min, int max,
                                       List<FieldViolation> violations) {
        if (value == null) {
            if (required) {
                violations.add(new FieldViolation(field, "is required"));
            }
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0) {
            violations.add(new FieldViolation(field, "must be a whole number"));
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            violations.add(new FieldViolation(field, "must be between " + min + " and " + max));
            return null;
        }
        return value.intValueExact();
    }

    private static ActivityLevel activityLevel(BigDecimal value, List<FieldViolation> violations) {
        Integer code = wholeNumber("activity_level", value, true, 0, 2, violations);
        if (code == null) {
            return null;
        }
        return ActivityLevel.ofCode(code).orElseThrow();
    }

    private static GeoPoint location(ReadingInput.LocationInput value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        if (!"Point".equals(value.type())) {
            violations.add(new FieldViolation("location.type", "must be \"Point\""));
            return null;
        }
        List<BigDecimal> coordinates = value.coordinates();
        if (coordinates == null || coordinates.size() != 2 || coordinates.stream().anyMatch(Objects::isNull)) {
            violations.add(new FieldViolation("location.coordinates", "must be [longitude, latitude]"));
            return null;
        }
        BigDecimal lon = coordinates.get(0);
        BigDecimal lat = coordinates.get(1);
        boolean valid = true;
        if (lon.abs().compareTo(MAX_LON) > 0) {
            violations.add(new FieldViolation("location.coordinates[0]", "longitude must be between -180 and 180"));
            valid = false;
        }
        if (lat.abs().compareTo(MAX_LAT) > 0) {
            violations.add(new FieldViolation("location.coordinates[1]", "latitude must be between -90 and 90"));
            valid = false;
        }
        return valid ? GeoPoint.ofDegrees(lat.doubleValue(), lon.doubleValue()) : null;
    }

    private static MotionWindow motion(ReadingInput.MotionInput value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        int before = violations.size();
        Integer hz = wholeNumber("motion.hz", value.hz(), true, MIN_MOTION_HZ, MAX_MOTION_HZ, violations);
        if (value.accel() == null || value.accel().isEmpty()) {
            violations.add(new FieldViolation("motion.accel", "is required: a list of [x, y, z] samples in g"));
            return null;
        }
        int samples = value.accel().size();
        if (hz != null && samples > hz * MAX_MOTION_SECONDS) {
            violations.add(new FieldViolation("motion.accel", "must cover at most " + MAX_MOTION_SECONDS
                    + " s: " + hz * MAX_MOTION_SECONDS + " samples at " + hz + " Hz"));
        }
        if (value.gyro() != null && value.gyro().size() != samples) {
            violations.add(new FieldViolation("motion.gyro", "must have as many samples as motion.accel"));
        }
        float[] accel = axes("motion.accel", value.accel(), MAX_ACCEL_G, violations);
        float[] gyro = value.gyro() == null ? null : axes("motion.gyro", value.gyro(), MAX_GYRO_DPS, violations);
        return violations.size() == before ? new MotionWindow(hz, samples, accel, gyro) : null;
    }

    /** Flattens [x, y, z] samples, naming the first bad one only: a broken window is rarely broken once. */
    private static float[] axes(String field, List<double[]> samples, double fullScale,
                                List<FieldViolation> violations) {
        float[] values = new float[samples.size() * 3];
        for (int i = 0; i < samples.size(); i++) {
            double[] sample = samples.get(i);
            if (sample == null || sample.length != 3) {
                violations.add(new FieldViolation(field + "[" + i + "]", "must be [x, y, z]"));
                return values;
            }
            for (int axis = 0; axis < 3; axis++) {
                double component = sample[axis];
                if (!(Math.abs(component) <= fullScale)) { // NaN too
                    violations.add(new FieldViolation(field + "[" + i + "]",
                            "must be within ±" + (long) fullScale + " on each axis"));
                    return values;
                }
                values[i * 3 + axis] = (float) component;
            }
        }
        return values;
    }

    private static Double temperature(BigDecimal value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        if (value.compareTo(MIN_TEMPERATURE_C) < 0 || value.compareTo(MAX_TEMPERATURE_C) > 0) {
            violations.add(new FieldViolation("temperature_c", "must be between -20 and 60"));
            return null;
        }
        return value.doubleValue();
    }
}
