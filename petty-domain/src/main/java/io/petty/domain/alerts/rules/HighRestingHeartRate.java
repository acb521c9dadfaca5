package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertSink;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;

/**
 * The heart rate at rest above 1.5 times the pet's own resting baseline, sustained: opened by three resting readings
 * in a row above it over at least two minutes, resolved by as many at or below it. Only resting readings count, and
 * any other reading breaks a run; one excited reading opens nothing, nor do a few seconds of them from a collar
 * that reads often. Without a baseline (too little history) it never opens.
 */
public final class HighRestingHeartRate extends Episode {

    static final double ABOVE_BASELINE = 1.5;
    static final int SUSTAINED_READINGS = 3;
    static final Duration SUSTAINED_FOR = Duration.ofMinutes(2);
    private static final long NO_RUN = Long.MIN_VALUE;

    private final Integer baselineBpm;
    /** Resting readings in a row on the other side of the threshold from where the episode is. */
    private int run;
    /** Epoch seconds of the run's first reading, or {@link #NO_RUN}. */
    private long runSince = NO_RUN;

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
        boolean above = reading.heartRate() > ABOVE_BASELINE * baselineBpm;
        if (reading.activityLevel() != ActivityLevel.RESTING || above == open()) {
            run = 0;
            runSince = NO_RUN;
            return;
        }
        long now = reading.timestamp().getEpochSecond();
        if (runSince == NO_RUN) {
            runSince = now;
        }
        if (++run >= SUSTAINED_READINGS && now - runSince >= SUSTAINED_FOR.toSeconds()) {
            run = 0;
            runSince = NO_RUN;
            change(reading, "resting heart rate " + reading.heartRate() + " bpm, baseline " + baselineBpm + " bpm",
                    sink);
        }
    }

    @Override
    void writeProgress(DataOutput out) throws IOException {
        out.writeInt(run);
        out.writeLong(runSince);
    }

    @Override
    void readProgress(DataInput in) throws IOException {
        run = in.readInt();
        runSince = in.readLong();
    }
}
