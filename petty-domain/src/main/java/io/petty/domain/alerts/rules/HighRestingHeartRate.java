package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertSink;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The heart rate at rest above 1.5 times the pet's own resting baseline, sustained: opened by three resting readings
 * in a row above it, resolved by three in a row at or below it. Only resting readings count, and any other reading
 * breaks a run; one excited reading opens nothing. Without a baseline (too little history) it never opens.
 */
public final class HighRestingHeartRate extends Episode {

    static final double ABOVE_BASELINE = 1.5;
    static final int SUSTAINED_READINGS = 3;

    private final Integer baselineBpm;
    /** Resting readings in a row on the other side of the threshold from where the episode is. */
    private int run;

    /** @param baselineBpm the pet's resting heart rate over the last 7 days; null when not known */
    public HighRestingHeartRate(Integer baselineBpm) {
        super(AlertKind.HIGH_RESTING_HEART_RATE);
        this.baselineBpm = baselineBpm;
    }

    @Override
    public void accept(Reading reading, AlertSink sink) {
        if (baselineBpm == null) {
            return;
        }
        if (reading.activityLevel() != ActivityLevel.RESTING) {
            run = 0;
            return;
        }
        boolean above = reading.heartRate() > ABOVE_BASELINE * baselineBpm;
        if (above == open()) {
            run = 0;
            return;
        }
        if (++run >= SUSTAINED_READINGS) {
            run = 0;
            change(reading, "resting heart rate " + reading.heartRate() + " bpm, baseline " + baselineBpm + " bpm",
                    sink);
        }
    }

    @Override
    void writeProgress(DataOutput out) throws IOException {
        out.writeInt(run);
    }

    @Override
    void readProgress(DataInput in) throws IOException {
        run = in.readInt();
    }
}
