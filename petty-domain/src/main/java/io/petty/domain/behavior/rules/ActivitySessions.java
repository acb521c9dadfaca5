package io.petty.domain.behavior.rules;

import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.EventKind;
import io.petty.domain.behavior.EventSink;
import io.petty.domain.behavior.Step;
import io.petty.domain.telemetry.ActivityLevel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walk, play and rest sessions: each contiguous run of readings with the same activity level, from its first
 * reading to its last, with its heart rate and (walking and playing) the distance covered. A run needs two
 * readings to have a duration at all.
 */
public final class ActivitySessions extends RuleDetector {

    public static final String WALK = "Walk";
    public static final String PLAY = "Play";
    public static final String REST = "Rest";
    static final int MIN_READINGS = 2;

    public ActivitySessions() {
        super("activity-sessions", "1", WALK, PLAY, REST);
    }

    @Override
    RuleDetection newDetection() {
        return new Run();
    }

    private final class Run implements RuleDetection {
        private boolean open;
        private ActivityLevel activity;
        private long startMicros;
        private long endMicros;
        private final HeartRates heartRates = new HeartRates();
        private int heartRateMin;
        private int heartRateMax;
        private double metres;

        @Override
        public void accept(Step step, EventSink sink) {
            if (open && (step.afterGap() || step.activity() != activity)) {
                close(sink);
            }
            if (!open) {
                open = true;
                activity = step.activity();
                startMicros = step.micros();
                heartRates.clear();
                heartRateMin = step.heartRate();
                heartRateMax = step.heartRate();
                metres = 0;
            } else if (activity != ActivityLevel.RESTING) {
                // The distance to a run's first reading was covered before the run began.
                metres += step.metres();
            }
            endMicros = step.micros();
            heartRates.add(step.heartRate());
            heartRateMin = Math.min(heartRateMin, step.heartRate());
            heartRateMax = Math.max(heartRateMax, step.heartRate());
        }

        @Override
        public void finish(EventSink sink) {
            if (open) {
                close(sink);
            }
        }

        @Override
        public long openStart() {
            return open && heartRates.count() >= MIN_READINGS ? startMicros : NOTHING_OPEN;
        }

        private void close(EventSink sink) {
            open = false;
            int readings = heartRates.count();
            if (readings < MIN_READINGS) {
                return;
            }
            boolean moving = activity != ActivityLevel.RESTING;
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("readings", readings);
            evidence.put("duration_s", Evidence.round((endMicros - startMicros) / 1e6, 1));
            evidence.put("heart_rate_mean", Evidence.round(heartRates.mean(), 1));
            evidence.put("heart_rate_min", heartRateMin);
            evidence.put("heart_rate_max", heartRateMax);
            if (moving) {
                evidence.put("distance_m", Evidence.round(metres, 1));
            }
            sink.emit(new DetectedEvent(behavior(), EventKind.SESSION, micros(startMicros), micros(endMicros),
                    Evidence.confidence(Evidence.support(readings, 2 * MIN_READINGS)), name(), version(),
                    moving ? Evidence.round(metres, 1) : null, evidence));
        }

        private String behavior() {
            return switch (activity) {
                case RESTING -> REST;
                case WALKING -> WALK;
                case PLAYING -> PLAY;
            };
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeBoolean(open);
            out.writeInt(activity == null ? -1 : activity.code());
            out.writeLong(startMicros);
            out.writeLong(endMicros);
            heartRates.writeTo(out);
            out.writeInt(heartRateMin);
            out.writeInt(heartRateMax);
            out.writeDouble(metres);
        }

        @Override
        public void readFrom(DataInput in) throws IOException {
            open = in.readBoolean();
            int code = in.readInt();
            activity = code < 0 ? null : ActivityLevel.ofCode(code).orElseThrow();
            startMicros = in.readLong();
            endMicros = in.readLong();
            heartRates.readFrom(in);
            heartRateMin = in.readInt();
            heartRateMax = in.readInt();
            metres = in.readDouble();
        }
    }

    static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
