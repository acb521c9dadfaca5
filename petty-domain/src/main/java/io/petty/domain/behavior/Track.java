package io.petty.domain.behavior;

import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Where the pet went, reading by reading: gaps in time, positions on a local plane, and distances on the sphere
 * with GPS jumps left out. A position implying a speed beyond the limit is a jump and is ignored; if the next one
 * is consistent with it rather than with the last good one, the pet really moved (a car ride, a fix after a
 * tunnel) and the track continues from there without counting the jump.
 */
final class Track {

    private static final long NONE = Long.MIN_VALUE;

    private final long maxGapMicros;
    private final double maxSpeed;

    private long previousMicros = NONE;
    /** The local plane's origin: the unit's first position. */
    private double originLat = Double.NaN;
    private double originLon;
    private double cosOriginLat;
    /** The last good position and when it was taken. */
    private double goodLat = Double.NaN;
    private double goodLon;
    private long goodMicros;
    /** A position refused as a jump, kept to see whether the next one agrees with it. */
    private double jumpLat = Double.NaN;
    private double jumpLon;
    private long jumpMicros;

    Track(long maxGapMicros, double maxSpeedMetresPerSecond) {
        this.maxGapMicros = maxGapMicros;
        this.maxSpeed = maxSpeedMetresPerSecond;
    }

    /** Fills {@code step} for the next reading. */
    void advance(Reading reading, Step step) {
        long micros = reading.timestamp().getEpochSecond() * 1_000_000 + reading.timestamp().getNano() / 1_000;
        step.timestamp = reading.timestamp();
        step.micros = micros;
        step.heartRate = reading.heartRate();
        step.activity = reading.activityLevel();
        step.motion = reading.motion();
        step.afterGap = previousMicros == NONE || micros - previousMicros > maxGapMicros;
        step.secondsSincePrevious = previousMicros == NONE ? 0 : (micros - previousMicros) / 1e6;
        previousMicros = micros;
        locate(reading.location(), micros, step);
    }

    private void locate(GeoPoint point, long micros, Step step) {
        step.located = false;
        step.metres = 0;
        if (point == null) {
            return;
        }
        double lat = point.lat();
        double lon = point.lon();
        if (Double.isNaN(originLat)) {
            originLat = lat;
            originLon = lon;
            cosOriginLat = Math.cos(Math.toRadians(lat));
        }
        if (Double.isNaN(goodLat) || step.afterGap) {
            good(lat, lon, micros);
        } else {
            double metres = GeoPoint.metresBetween(goodLat, goodLon, lat, lon);
            double fromJump = Double.isNaN(jumpLat) ? Double.NaN : GeoPoint.metresBetween(jumpLat, jumpLon, lat, lon);
            if (plausible(metres, micros - goodMicros)) {
                step.metres = metres;
                good(lat, lon, micros);
            } else if (!Double.isNaN(fromJump) && plausible(fromJump, micros - jumpMicros)) {
                // Two positions agree with each other and not with the old one: the pet is here now.
                step.metres = fromJump;
                good(lat, lon, micros);
            } else {
                jumpLat = lat;
                jumpLon = lon;
                jumpMicros = micros;
                return;
            }
        }
        step.located = true;
        step.x = Math.toRadians(lon - originLon) * cosOriginLat * GeoPoint.EARTH_RADIUS_M;
        step.y = Math.toRadians(lat - originLat) * GeoPoint.EARTH_RADIUS_M;
    }

    private void good(double lat, double lon, long micros) {
        goodLat = lat;
        goodLon = lon;
        goodMicros = micros;
        jumpLat = Double.NaN;
    }

    private boolean plausible(double metres, long elapsedMicros) {
        return metres <= maxSpeed * Math.max(elapsedMicros, 1) / 1e6;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(previousMicros);
        out.writeDouble(originLat);
        out.writeDouble(originLon);
        out.writeDouble(cosOriginLat);
        out.writeDouble(goodLat);
        out.writeDouble(goodLon);
        out.writeLong(goodMicros);
        out.writeDouble(jumpLat);
        out.writeDouble(jumpLon);
        out.writeLong(jumpMicros);
    }

    void readFrom(DataInput in) throws IOException {
        previousMicros = in.readLong();
        originLat = in.readDouble();
        originLon = in.readDouble();
        cosOriginLat = in.readDouble();
        goodLat = in.readDouble();
        goodLon = in.readDouble();
        goodMicros = in.readLong();
        jumpLat = in.readDouble();
        jumpLon = in.readDouble();
        jumpMicros = in.readLong();
    }
}
