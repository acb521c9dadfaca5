package io.petty.domain.behavior.motion;

import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.Detection;
import io.petty.domain.behavior.Detector;
import io.petty.domain.behavior.EventKind;
import io.petty.domain.behavior.EventSink;
import io.petty.domain.behavior.Step;
import io.petty.domain.motion.MotionModel;
import io.petty.domain.motion.MotionModels;
import io.petty.domain.motion.MotionPrediction;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ObjDoubleConsumer;

/**
 * The active motion model as a detector: each reading with a motion window gets the model's probabilities, averaged
 * with those of the readings just before it (at most the model's smoothing, within as many seconds as its windows
 * span, never across a gap), and calibrated; consecutive readings with the same likeliest behavior are one event,
 * whose confidence is the mean of theirs. Readings without a window neither extend nor end an event.
 */
public final class MotionDetector implements Detector {

    /** Recorded as the source of its events. */
    public static final String MODEL = "model";
    public static final String NAME = MotionModels.DETECTOR;

    private final MotionModel model;
    private final ObjDoubleConsumer<String> served;
    private final long horizonMicros;
    private final Set<String> behaviors;

    /** @param served told the model's version and the confidence of every prediction served (the monitor) */
    public MotionDetector(MotionModel model, ObjDoubleConsumer<String> served) {
        this.model = Objects.requireNonNull(model, "model is required.");
        this.served = Objects.requireNonNull(served, "served is required.");
        // The smoothing's windows at the model's step: a reading further back than they reach is not averaged in.
        double stepSeconds = model.window().seconds() * (1 - model.window().overlap());
        this.horizonMicros = Math.round((model.smoothing() - 1) * stepSeconds * 1e6);
        this.behaviors = new LinkedHashSet<>(model.labels());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return model.version();
    }

    @Override
    public String source() {
        return MODEL;
    }

    @Override
    public Set<String> behaviors() {
        return behaviors;
    }

    @Override
    public Detection start() {
        return new MotionDetection();
    }

    @Override
    public Detection restore(DataInput in) throws IOException {
        MotionDetection detection = new MotionDetection();
        detection.readFrom(in);
        return detection;
    }

    /** One recent reading's probabilities before calibration. */
    private record Recent(long micros, double[] probabilities, int windows) {
    }

    private final class MotionDetection implements Detection {
        private final Deque<Recent> recent = new ArrayDeque<>();
        private int label = -1;
        private long startMicros;
        private long lastMicros;
        private double confidenceSum;
        private int readings;
        private int windows;

        @Override
        public void accept(Step step, EventSink sink) {
            if (step.afterGap()) {
                close(sink);
                recent.clear();
            }
            if (step.motion() == null) {
                return;
            }
            MotionModel.Raw raw = model.raw(step.motion());
            if (raw == null) {
                return;
            }
            recent.addLast(new Recent(step.micros(), raw.probabilities(), raw.windows()));
            while (recent.size() > model.smoothing() || recent.peekFirst().micros() < step.micros() - horizonMicros) {
                recent.removeFirst();
            }
            MotionPrediction prediction = model.predictionOf(MotionModel.calibrate(average(), model.temperature()),
                    raw.windows());
            served.accept(model.version(), prediction.confidence());
            int predicted = model.labels().indexOf(prediction.behavior());
            if (predicted != label) {
                close(sink);
                label = predicted;
                startMicros = step.micros();
            }
            lastMicros = step.micros();
            confidenceSum += prediction.confidence();
            readings++;
            windows += raw.windows();
        }

        /** The recent readings' probabilities, each weighted by the windows it held. */
        private double[] average() {
            double[] sum = new double[model.labels().size()];
            int count = 0;
            for (Recent r : recent) {
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += r.probabilities()[c] * r.windows();
                }
                count += r.windows();
            }
            for (int c = 0; c < sum.length; c++) {
                sum[c] /= count;
            }
            return sum;
        }

        @Override
        public void finish(EventSink sink) {
            close(sink);
        }

        private void close(EventSink sink) {
            if (label < 0) {
                return;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("model_version", model.version());
            evidence.put("readings", readings);
            evidence.put("windows", windows);
            sink.emit(new DetectedEvent(model.labels().get(label), EventKind.BEHAVIOR, instant(startMicros),
                    instant(lastMicros), Math.min(1, confidenceSum / readings), NAME, model.version(), null,
                    evidence));
            label = -1;
            confidenceSum = 0;
            readings = 0;
            windows = 0;
        }

        @Override
        public long openStart() {
            return label < 0 ? NOTHING_OPEN : startMicros;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeInt(label);
            out.writeLong(startMicros);
            out.writeLong(lastMicros);
            out.writeDouble(confidenceSum);
            out.writeInt(readings);
            out.writeInt(windows);
            out.writeInt(recent.size());
            for (Recent r : recent) {
                out.writeLong(r.micros());
                out.writeInt(r.windows());
                for (double p : r.probabilities()) {
                    out.writeDouble(p);
                }
            }
        }

        void readFrom(DataInput in) throws IOException {
            label = in.readInt();
            startMicros = in.readLong();
            lastMicros = in.readLong();
            confidenceSum = in.readDouble();
            readings = in.readInt();
            windows = in.readInt();
            int held = in.readInt();
            for (int i = 0; i < held; i++) {
                long micros = in.readLong();
                int count = in.readInt();
                double[] p = new double[model.labels().size()];
                for (int c = 0; c < p.length; c++) {
                    p[c] = in.readDouble();
                }
                recent.addLast(new Recent(micros, p, count));
            }
        }
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
