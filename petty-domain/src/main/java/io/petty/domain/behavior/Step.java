package io.petty.domain.behavior;

import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.MotionWindow;

import java.time.Instant;

/**
 * One reading as the detectors see it, with what the engine worked out once for all of them: the time since the
 * previous reading, whether a gap split the readings there, and where the pet was in metres on a local plane.
 * The engine reuses one instance for every reading: a detector copies what it keeps.
 */
public final class Step {

    Instant timestamp;
    long micros;
    int heartRate;
    ActivityLevel activity;
    boolean afterGap;
    double secondsSincePrevious;
    boolean located;
    double x;
    double y;
    double metres;
    MotionWindow motion;

    /** The reading's own time. */
    public Instant timestamp() {
        return timestamp;
    }

    /** The reading's time in microseconds since the epoch, for arithmetic. */
    public long micros() {
        return micros;
    }

    public int heartRate() {
        return heartRate;
    }

    public ActivityLevel activity() {
        return activity;
    }

    /**
     * Whether this reading starts a new stretch: it is the unit's first, or the collar was silent for longer than the
     * engine's gap before it. Nothing contiguous spans a gap.
     */
    public boolean afterGap() {
        return afterGap;
    }

    /** Seconds since the previous reading of the unit (0 for the first). */
    public double secondsSincePrevious() {
        return secondsSincePrevious;
    }

    /** The reading's inertial window; null for most readings, which carry none. */
    public MotionWindow motion() {
        return motion;
    }

    /** Whether the reading has a position that is not a GPS jump; {@link #x()} and {@link #y()} are meaningful then. */
    public boolean located() {
        return located;
    }

    /** Metres east of the unit's first position. */
    public double x() {
        return x;
    }

    /** Metres north of the unit's first position. */
    public double y() {
        return y;
    }

    /**
     * Metres on the sphere from the previous good position to this one, when both are good and no gap lies between;
     * 0 otherwise. A jump (implied speed over the engine's limit) is 0 and leaves the previous position in place.
     */
    public double metres() {
        return metres;
    }
}
