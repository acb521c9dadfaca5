package io.petty.domain.behavior.rules;

import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.EventKind;
import io.petty.domain.behavior.EventSink;
import io.petty.domain.behavior.Step;
import io.petty.domain.telemetry.ActivityLevel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep Sleep: a contiguous stretch of resting readings whose heart rate is low and steady — mean 40–65 bpm,
 * standard deviation under 3 — over at least 4 readings. A stretch begins with the first 4 readings in a row that
 * meet both thresholds, grows while the next reading keeps it inside them, and the reading that would break them
 * ends it and may begin the next.
 */
public final class DeepSleep extends RuleDetector {

    public static final String DEEP_SLEEP = "Deep Sleep";
    static final int MIN_READINGS = 4;
    static final double MAX_DEVIATION = 3;
    static final double MIN_MEAN = 40;
    static final double MAX_MEAN = 65;

    public DeepSleep() {
        super("deep-sleep", "1", DEEP_SLEEP);
    }

    @Override
    RuleDetection newDetection() {
        return new Stretch();
    }

    /**
     * Until a stretch has its 4 readings and meets the thresholds it is forming: the last 4 contiguous resting
     * readings, sliding. Once it qualifies it grows while each next reading keeps it inside the thresholds.
     */
    private final class Stretch implements RuleDetection {
        private final int[] formingRates = new int[MIN_READINGS];
        private final long[] formingMicros = new long[MIN_READINGS];
        private int forming;
        private final HeartRates heartRates = new HeartRates();
        private long startMicros;
        private long endMicros;

        @Override
        public void accept(Step step, EventSink sink) {
            if (step.activity() != ActivityLevel.RESTING || step.afterGap()) {
                close(sink);
                if (step.activity() != ActivityLevel.RESTING) {
                    return;
                }
            }
            int rate = step.heartRate();
            if (heartRates.count() > 0) {
                if (heartRates.deviationWith(rate) < MAX_DEVIATION && inRange(heartRates.meanWith(rate))) {
                    heartRates.add(rate);
                    endMicros = step.micros();
                    return;
                }
                close(sink);
            }
            form(rate, step.micros());
        }

        private void form(int rate, long micros) {
            if (forming == MIN_READINGS) {
                System.arraycopy(formingRates, 1, formingRates, 0, MIN_READINGS - 1);
                System.arraycopy(formingMicros, 1, formingMicros, 0, MIN_READINGS - 1);
                forming--;
            }
            formingRates[forming] = rate;
            formingMicros[forming] = micros;
            forming++;
            if (forming < MIN_READINGS) {
                return;
            }
            HeartRates candidate = new HeartRates();
            for (int formed : formingRates) {
                candidate.add(formed);
            }
            if (candidate.deviation() < MAX_DEVIATION && inRange(candidate.mean())) {
                heartRates.clear();
                for (int formed : formingRates) {
                    heartRates.add(formed);
                }
                startMicros = formingMicros[0];
                endMicros = micros;
                forming = 0;
            }
        }

        @Override
        public void finish(EventSink sink) {
            close(sink);
        }

        @Override
        public long openStart() {
            return heartRates.count() >= MIN_READINGS ? startMicros : NOTHING_OPEN;
        }

        private void close(EventSink sink) {
            int readings = heartRates.count();
            if (readings >= MIN_READINGS) {
                double mean = heartRates.mean();
                double deviation = heartRates.deviation();
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("readings", readings);
                evidence.put("duration_s", Evidence.round((endMicros - startMicros) / 1e6, 1));
                evidence.put("heart_rate_mean", Evidence.round(mean, 1));
                evidence.put("heart_rate_std", Evidence.round(deviation, 2));
                sink.emit(new DetectedEvent(DEEP_SLEEP, EventKind.BEHAVIOR, ActivitySessions.micros(startMicros),
                        ActivitySessions.micros(endMicros),
                        Evidence.confidence(Evidence.support(readings, MIN_READINGS),
                                Evidence.below(deviation, MAX_DEVIATION), Evidence.inside(mean, MIN_MEAN, MAX_MEAN)),
                        name(), version(), null, evidence));
            }
            heartRates.clear();
            forming = 0;
        }

        private static boolean inRange(double mean) {
            return mean >= MIN_MEAN && mean <= MAX_MEAN;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeInt(forming);
            for (int i = 0; i < forming; i++) {
                out.writeInt(formingRates[i]);
                out.writeLong(formingMicros[i]);
            }
            heartRates.writeTo(out);
            out.writeLong(startMicros);
            out.writeLong(endMicros);
        }

        @Override
        public void readFrom(DataInput in) throws IOException {
            forming = in.readInt();
            for (int i = 0; i < forming; i++) {
                formingRates[i] = in.readInt();
                formingMicros[i] = in.readLong();
            }
            heartRates.readFrom(in);
            startMicros = in.readLong();
            endMicros = in.readLong();
        }
    }
}
