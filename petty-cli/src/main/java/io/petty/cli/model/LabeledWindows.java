package io.petty.cli.model;

import io.petty.domain.motion.FeatureSet;
import io.petty.domain.motion.MotionFeatures;
import io.petty.domain.motion.WindowSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The windows of some recordings, each within one run of one label (a window never mixes behaviors), and the ways
 * to split them into training and test sets without a time span on both sides: a window belongs to a side only when
 * every one of its samples does, so overlapping windows never straddle the cut.
 */
final class LabeledWindows {

    /** Samples {@code [start, start + length)} of a recording, all with {@code label}. */
    record Window(int recording, String label, int start, int length) {

        int end() {
            return start + length;
        }
    }

    /**
     * Training and test windows, and the training windows split again in time (first 80 % to fit, the rest to
     * calibrate and to choose a model family by), as indices into {@link #windows()}.
     */
    record Fold(String name, int[] train, int[] test, int[] fit, int[] calibrate) {
    }

    /** Of a recording's training span, the share that fits a model whose probabilities the rest calibrates. */
    static final double FIT_SHARE = 0.8;

    private final List<Recording> recordings;
    private final List<Window> windows;
    private final WindowSpec spec;

    private LabeledWindows(List<Recording> recordings, List<Window> windows, WindowSpec spec) {
        this.recordings = recordings;
        this.windows = windows;
        this.spec = spec;
    }

    static LabeledWindows cut(List<Recording> recordings, WindowSpec spec) {
        List<Window> windows = new ArrayList<>();
        for (int r = 0; r < recordings.size(); r++) {
            Recording recording = recordings.get(r);
            int length = spec.length(recording.hz());
            int step = spec.step(recording.hz());
            String[] labels = recording.labels();
            int runStart = 0;
            for (int i = 1; i <= labels.length; i++) {
                if (i == labels.length || !labels[i].equals(labels[runStart])) {
                    for (int start = runStart; start + length <= i; start += step) {
                        windows.add(new Window(r, labels[runStart], start, length));
                    }
                    runStart = i;
                }
            }
        }
        return new LabeledWindows(recordings, List.copyOf(windows), spec);
    }

    List<Window> windows() {
        return windows;
    }

    List<Recording> recordings() {
        return recordings;
    }

    WindowSpec spec() {
        return spec;
    }

    Window window(int index) {
        return windows.get(index);
    }

    /** Each recording: the first {@code trainShare} of its samples train, the rest test. */
    Fold timeOrdered(double trainShare) {
        return new Fold("time-ordered", select(w -> w.end() <= cut(w, trainShare)),
                select(w -> w.start() >= cut(w, trainShare)),
                select(w -> w.end() <= cut(w, trainShare * FIT_SHARE)),
                select(w -> w.start() >= cut(w, trainShare * FIT_SHARE) && w.end() <= cut(w, trainShare)));
    }

    /** One fold per subject: trained on every other subject, tested on this one. */
    List<Fold> leaveOneSubjectOut() {
        return subjects().stream().map(subject -> {
            Predicate<Window> held = w -> recordings.get(w.recording()).subject().equals(subject);
            return new Fold(subject, select(held.negate()), select(held),
                    select(held.negate().and(w -> w.end() <= cut(w, FIT_SHARE))),
                    select(held.negate().and(w -> w.start() >= cut(w, FIT_SHARE))));
        }).toList();
    }

    /** Everything trains: for the model that ships. */
    Fold whole() {
        return new Fold("all", select(w -> true), new int[0], select(w -> w.end() <= cut(w, FIT_SHARE)),
                select(w -> w.start() >= cut(w, FIT_SHARE)));
    }

    List<String> subjects() {
        return recordings.stream().map(Recording::subject).distinct().sorted().toList();
    }

    /** Windows per label. */
    Map<String, Integer> counts(int[] indices) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Arrays.stream(indices).mapToObj(windows::get).map(Window::label).sorted()
                .forEach(label -> counts.merge(label, 1, Integer::sum));
        return counts;
    }

    /**
     * The features, with the still-standing means taken from the quietest tenth of the training windows (by the
     * sum of the accelerometer's axis deviations): the pet at rest, as this data shows it.
     */
    MotionFeatures features(FeatureSet set, int[] train) {
        MotionFeatures probe = MotionFeatures.upright(new FeatureSet(EnumSet.of(FeatureSet.Group.AXIS_STATS), set.gyro()));
        double[][] stats = new double[train.length][];
        for (int i = 0; i < train.length; i++) {
            stats[i] = extract(probe, train[i]);
        }
        Integer[] order = IntStream.range(0, train.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> stats[i][6]));
        int quiet = Math.max(1, train.length / 10);
        double[] accel = new double[3];
        double[] gyro = new double[3];
        for (int k = 0; k < quiet; k++) {
            double[] s = stats[order[k]];
            for (int axis = 0; axis < 3; axis++) {
                accel[axis] += s[axis] / quiet;
                if (set.gyro()) {
                    gyro[axis] += s[7 + axis] / quiet;
                }
            }
        }
        return new MotionFeatures(set, accel, gyro);
    }

    /** One window's features. */
    double[] extract(MotionFeatures features, int index) {
        Window w = windows.get(index);
        Recording recording = recordings.get(w.recording());
        return features.extract(recording.accel(), recording.gyro(), w.start(), w.length(), recording.hz());
    }

    /**
     * Whether window {@code b} directly follows window {@code a} in one recording: what a collar would have sent
     * next, so a prediction may be smoothed over both.
     */
    boolean follows(int a, int b) {
        Window first = windows.get(a);
        Window next = windows.get(b);
        return first.recording() == next.recording() && next.start() > first.start()
                && next.start() <= first.end();
    }

    private int cut(Window w, double share) {
        return (int) Math.floor(recordings.get(w.recording()).samples() * share);
    }

    private int[] select(Predicate<Window> predicate) {
        return IntStream.range(0, windows.size()).filter(i -> predicate.test(windows.get(i))).toArray();
    }
}
