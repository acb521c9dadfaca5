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
 * Anxious Pacing: walking back and forth in a small area with a raised heart rate — at least 6 positioned walking
 * readings inside a ~70 m radius (half the diagonal of the area they span), a mean heart rate of 70–110 bpm, and a
 * path at least twice the area's diagonal, so that a walk that merely passes through is not pacing. A stretch grows
 * while the pet stays walking inside the radius; the position that leaves it ends the stretch and begins the next.
 */
public final class AnxiousPacing extends RuleDetector {

    public static final String ANXIOUS_PACING = "Anxious Pacing";
    static final int MIN_READINGS = 6;
    static final double MAX_RADIUS_M = 70;
    static final double MIN_MEAN = 70;
    static final double MAX_MEAN = 110;
    /** The path must be this many times the area's diagonal (and at least this many times 10 m). */
    static final double MIN_PATH_FACTOR = 2;
    private static final double MIN_SPAN_M = 10;

    public AnxiousPacing() {
        super("anxious-pacing", "1", ANXIOUS_PACING);
    }

    @Override
    RuleDetection newDetection() {
        return new Stretch();
    }

    private final class Stretch implements RuleDetection {
        private boolean open;
        private long startMicros;
        private long endMicros;
        private final HeartRates heartRates = new HeartRates();
        private int positions;
        private double minX;
        private double maxX;
        private double minY;
        private double maxY;
        private double path;

        @Override
        public void accept(Step step, EventSink sink) {
            if (step.activity() != ActivityLevel.WALKING || step.afterGap()) {
                close(sink);
                if (step.activity() == ActivityLevel.WALKING) {
                    begin(step);
                }
                return;
            }
            if (!open) {
                begin(step);
                return;
            }
            if (step.located()) {
                if (positions > 0 && radius(Math.min(minX, step.x()), Math.max(maxX, step.x()),
                        Math.min(minY, step.y()), Math.max(maxY, step.y())) > MAX_RADIUS_M) {
                    close(sink);
                    begin(step);
                    return;
                }
                path += positions > 0 ? step.metres() : 0;
                include(step);
            }
            heartRates.add(step.heartRate());
            endMicros = step.micros();
        }

        private void begin(Step step) {
            open = true;
            startMicros = step.micros();
            endMicros = step.micros();
            heartRates.clear();
            heartRates.add(step.heartRate());
            positions = 0;
            path = 0;
            if (step.located()) {
                include(step);
            }
        }

        private void include(Step step) {
            if (positions == 0) {
                minX = maxX = step.x();
                minY = maxY = step.y();
            } else {
                minX = Math.min(minX, step.x());
                maxX = Math.max(maxX, step.x());
                minY = Math.min(minY, step.y());
                maxY = Math.max(maxY, step.y());
            }
            positions++;
        }

        @Override
        public void finish(EventSink sink) {
            close(sink);
        }

        @Override
        public long openStart() {
            return open && qualifies() ? startMicros : NOTHING_OPEN;
        }

        private boolean qualifies() {
            double mean = heartRates.mean();
            return positions >= MIN_READINGS && mean >= MIN_MEAN && mean <= MAX_MEAN && path >= needed();
        }

        /** The path a stretch must walk: a pet pacing covers its small area again and again. */
        private double needed() {
            return MIN_PATH_FACTOR * Math.max(2 * radius(minX, maxX, minY, maxY), MIN_SPAN_M);
        }

        private void close(EventSink sink) {
            if (!open) {
                return;
            }
            open = false;
            if (!qualifies()) {
                return;
            }
            double mean = heartRates.mean();
            double radius = radius(minX, maxX, minY, maxY);
            double needed = needed();
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("readings", positions);
            evidence.put("duration_s", Evidence.round((endMicros - startMicros) / 1e6, 1));
            evidence.put("radius_m", Evidence.round(radius, 1));
            evidence.put("path_m", Evidence.round(path, 1));
            evidence.put("heart_rate_mean", Evidence.round(mean, 1));
            sink.emit(new DetectedEvent(ANXIOUS_PACING, EventKind.BEHAVIOR, ActivitySessions.micros(startMicros),
                    ActivitySessions.micros(endMicros),
                    Evidence.confidence(Evidence.support(positions, MIN_READINGS), Evidence.inside(mean, MIN_MEAN, MAX_MEAN),
                            Evidence.below(radius, MAX_RADIUS_M), path / needed - 1),
                    name(), version(), null, evidence));
        }

        private static double radius(double minX, double maxX, double minY, double maxY) {
            return Math.hypot(maxX - minX, maxY - minY) / 2;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeBoolean(open);
            out.writeLong(startMicros);
            out.writeLong(endMicros);
            heartRates.writeTo(out);
            out.writeInt(positions);
            out.writeDouble(minX);
            out.writeDouble(maxX);
            out.writeDouble(minY);
            out.writeDouble(maxY);
            out.writeDouble(path);
        }

        @Override
        public void readFrom(DataInput in) throws IOException {
            open = in.readBoolean();
            startMicros = in.readLong();
            endMicros = in.readLong();
            heartRates.readFrom(in);
            positions = in.readInt();
            minX = in.readDouble();
            maxX = in.readDouble();
            minY = in.readDouble();
            maxY = in.readDouble();
            path = in.readDouble();
        }
    }
}
