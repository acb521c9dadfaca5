package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertSink;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * The heart rate at rest above 1.5 times the pet's own resting baseline, sustained: opened by three resting readings
 * in a row above it over at least two minutes, resolved by as many at or below it. Only resting readings count, and
 * any other reading breaks a run; one excited reading opens nothing, nor do a few seconds of them from a collar
 * that reads often.
 *
 * <p>The baseline is the mean of the pet's resting readings on the 7 days (UTC) before the reading's, learnt here as
 * the readings pass: today's own readings never raise today's threshold, and those taken while an episode is open
 * are left out of it. With fewer than {@value #KNOWN_AFTER} such readings it is not known, and nothing opens.
 */
public final class HighRestingHeartRate extends Episode {

    static final double ABOVE_BASELINE = 1.5;
    static final int SUSTAINED_READINGS = 3;
    static final Duration SUSTAINED_FOR = Duration.ofMinutes(2);
    static final int BASELINE_DAYS = 7;
    /** Resting readings the baseline needs: half an hour of them at one a minute. */
    static final int KNOWN_AFTER = 30;
    private static final long NO_RUN = Long.MIN_VALUE;
    private static final long SECONDS_PER_DAY = 86_400;

    /** Resting readings in a row on the other side of the threshold from where the episode is. */
    private int run;
    /** Epoch seconds of the run's first reading, or {@link #NO_RUN}. */
    private long runSince = NO_RUN;
    /** One slot per day of the last week, by epoch day modulo its length: the day, its resting beats and readings. */
    private final long[] days = new long[BASELINE_DAYS];
    private final long[] beats = new long[BASELINE_DAYS];
    private final int[] readings = new int[BASELINE_DAYS];

    public HighRestingHeartRate() {
        super(AlertKind.HIGH_RESTING_HEART_RATE);
        Arrays.fill(days, Long.MIN_VALUE);
    }

    @Override
    public void accept(Reading reading, AlertSink sink) {
        if (reading.activityLevel() != ActivityLevel.RESTING) {
            endRun();
            return;
        }
        long now = reading.timestamp().getEpochSecond();
        long day = Math.floorDiv(now, SECONDS_PER_DAY);
        Integer baseline = baselineBefore(day);
        if (!open()) {
            learn(day, reading.heartRate());
        }
        if (baseline == null || reading.heartRate() > ABOVE_BASELINE * baseline == open()) {
            endRun();
            return;
        }
        if (runSince == NO_RUN) {
            runSince = now;
        }
        if (++run >= SUSTAINED_READINGS && now - runSince >= SUSTAINED_FOR.toSeconds()) {
            endRun();
            change(reading, "resting heart rate " + reading.heartRate() + " bpm, baseline " + baseline + " bpm", sink);
        }
    }

    private void endRun() {
        run = 0;
        runSince = NO_RUN;
    }

    private void learn(long day, int heartRate) {
        int slot = (int) Math.floorMod(day, BASELINE_DAYS);
        if (days[slot] != day) {
            days[slot] = day;
            beats[slot] = 0;
            readings[slot] = 0;
        }
        beats[slot] += heartRate;
        readings[slot]++;
    }

    /** The mean resting heart rate of the week before this day; null when too few readings are known. */
    private Integer baselineBefore(long day) {
        long sum = 0;
        long count = 0;
        for (int slot = 0; slot < BASELINE_DAYS; slot++) {
            if (days[slot] < day && days[slot] >= day - BASELINE_DAYS) {
                sum += beats[slot];
                count += readings[slot];
            }
        }
        return count < KNOWN_AFTER ? null : (int) Math.round((double) sum / count);
    }

    @Override
    void writeProgress(DataOutput out) throws IOException {
        out.writeInt(run);
        out.writeLong(runSince);
        for (int slot = 0; slot < BASELINE_DAYS; slot++) {
            out.writeLong(days[slot]);
            out.writeLong(beats[slot]);
            out.writeInt(readings[slot]);
        }
    }

    @Override
    void readProgress(DataInput in) throws IOException {
        run = in.readInt();
        runSince = in.readLong();
        for (int slot = 0; slot < BASELINE_DAYS; slot++) {
            days[slot] = in.readLong();
            beats[slot] = in.readLong();
            readings[slot] = in.readInt();
        }
    }
}
