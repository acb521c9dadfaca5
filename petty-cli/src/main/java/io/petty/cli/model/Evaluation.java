package io.petty.cli.model;

import io.petty.cli.model.LabeledWindows.Fold;
import io.petty.domain.motion.FeatureSet;
import io.petty.domain.motion.MotionFeatures;
import io.petty.domain.motion.MotionModel;
import io.petty.domain.motion.WindowSpec;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Trains and tests every model family and the linear-discriminant baseline on the same windows, the way published
 * work evaluates: leave one subject out when there are several, else a time-ordered split of every recording (its
 * first 70 % trains, its last 30 % tests; never a random split of overlapping windows, which tests on the very
 * samples it trained on and so overstates how a new individual fares).
 *
 * <p>A served prediction averages the current window's probabilities with those of the windows just before it
 * ({@code smoothing}), as the behavior engine does, and calibrates the average; the scores apply that within one
 * recording's test span only, and report the unsmoothed figures beside them. Within the training side, the first
 * 80 % of every recording fits a model whose predictions on the rest fit the calibration temperature and choose the
 * family; the test side is used for nothing but the scores.
 */
final class Evaluation {

    /** Of each recording, the share that trains in a time-ordered split. */
    static final double TRAIN_SHARE = 0.7;

    /** What the evaluation ran with. */
    record Settings(FeatureSet features, WindowSpec window, int smoothing, long seed, List<Family> families) {
    }

    /** How one family did over every fold. */
    record FamilyResult(Family family, Scores smoothed, Scores unsmoothed, double uncalibratedEce,
                        double temperature, int smoothing, double validationMacroF1, double trainSeconds) {
    }

    /** Everything the evaluation found. */
    record Report(String split, List<Fold> folds, Map<Family, FamilyResult> families, Scores baseline,
                  Scores baselineUnsmoothed, Family best, Settings settings, int trainWindows, int testWindows) {

        FamilyResult bestResult() {
            return families.get(best);
        }
    }

    private final LabeledWindows windows;
    private final List<String> labels;
    private final Settings settings;
    private final LabelFactory factory = new LabelFactory();

    Evaluation(LabeledWindows windows, List<String> labels, Settings settings) {
        this.windows = windows;
        this.labels = labels;
        this.settings = settings;
    }

    Report run() {
        boolean bySubject = windows.subjects().size() > 1;
        List<Fold> folds = bySubject ? windows.leaveOneSubjectOut() : List.of(windows.timeOrdered(TRAIN_SHARE));
        Map<Family, Collector> collectors = new EnumMap<>(Family.class);
        settings.families().forEach(family -> collectors.put(family, new Collector()));
        Collector baseline = new Collector();
        int trainWindows = 0;
        int testWindows = 0;
        for (Fold fold : folds) {
            if (fold.train().length == 0 || fold.test().length == 0) {
                continue;
            }
            trainWindows += fold.train().length;
            testWindows += fold.test().length;
            MotionFeatures features = windows.features(settings.features(), fold.train());
            double[][] x = extractAll(features);
            for (Family family : settings.families()) {
                Collector collector = collectors.get(family);
                Calibrated calibrated = calibrate(family, features, x, fold);
                long started = System.nanoTime();
                Model<Label> model = family.trainer(features.set().size(), settings.seed())
                        .train(dataset(features, x, fold.train()));
                collector.seconds += (System.nanoTime() - started) / 1e9;
                double[][] raw = new double[fold.test().length][];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = probabilities(model, features, x[fold.test()[i]]);
                }
                collector.add(fold.test(), raw, calibrated);
            }
            LinearDiscriminant lda = LinearDiscriminant.fit(rows(x, fold.train()), classes(fold.train()),
                    labels.size());
            double[][] posteriors = new double[fold.test().length][];
            for (int i = 0; i < posteriors.length; i++) {
                posteriors[i] = lda.probabilities(x[fold.test()[i]]);
            }
            baseline.add(fold.test(), posteriors, new Calibrated(1, Double.NaN, 1));
        }
        if (testWindows == 0) {
            throw new IllegalArgumentException("the data is too short to test on: no whole window in any test span");
        }
        Map<Family, FamilyResult> results = new EnumMap<>(Family.class);
        Family best = null;
        for (Family family : settings.families()) {
            Collector c = collectors.get(family);
            FamilyResult result = new FamilyResult(family, c.scores(true, true), c.scores(false, true),
                    c.scores(true, false).ece(), c.meanTemperature(), c.smoothing(), c.meanValidation(), c.seconds);
            results.put(family, result);
            if (family.servable() && (best == null || result.validationMacroF1() > results.get(best)
                    .validationMacroF1())) {
                best = family;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("compare at least one family the server can run: "
                    + Family.RANDOM_FOREST.label() + " or " + Family.EXTRA_TREES.label());
        }
        // The baseline is smoothed as the kept family is in each fold, so the two compare like with like.
        baseline.smoothingOf = collectors.get(best);
        return new Report(bySubject ? "leave-one-subject-out" : "time-ordered", folds, results,
                baseline.scores(true, false), baseline.scores(false, false), best, settings, trainWindows,
                testWindows);
    }

    /** The model that ships: the family chosen, trained on every window, calibrated on the last fifth of each. */
    MotionModel train(Family family, JsonObject description, java.time.Instant now) {
        Fold all = windows.whole();
        MotionFeatures features = windows.features(settings.features(), all.train());
        double[][] x = extractAll(features);
        Calibrated calibrated = calibrate(family, features, x, all);
        Model<Label> model = family.trainer(features.set().size(), settings.seed())
                .train(dataset(features, x, all.train()));
        return MotionModel.of(model, labels, features, settings.window(), calibrated.temperature(),
                calibrated.smoothing(), description, now);
    }

    /** What the held-out end of the training side chose: how much to smooth, and the temperature after it. */
    private record Calibrated(double temperature, double validationMacroF1, int smoothing) {
    }

    /** The smoothings tried, up to the most allowed: none, and 2, 4 and 8 s more of motion at the default windows. */
    private static final int[] SMOOTHINGS = {1, 3, 5, 9, 15, 29, 59};

    /**
     * Fits on the fold's first 80 % and calibrates on the rest of its training side: the temperature that best fits
     * the smoothed probabilities there, as they are served.
     */
    private Calibrated calibrate(Family family, MotionFeatures features, double[][] x, Fold fold) {
        if (fold.fit().length == 0 || fold.calibrate().length == 0) {
            return new Calibrated(1, Double.NaN, 1);
        }
        Model<Label> model = family.trainer(features.set().size(), settings.seed())
                .train(dataset(features, x, fold.fit()));
        double[][] raw = new double[fold.calibrate().length][];
        int[] truth = classes(fold.calibrate());
        int[] predicted = new int[raw.length];
        double[] confidence = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = probabilities(model, features, x[fold.calibrate()[i]]);
            predicted[i] = argmax(raw[i]);
            confidence[i] = raw[i][predicted[i]];
        }
        int smoothing = 1;
        double bestAccuracy = -1;
        for (int k : SMOOTHINGS) {
            if (k <= settings.smoothing()) {
                double[][] smoothed = smooth(fold.calibrate(), raw, k);
                int correct = 0;
                for (int i = 0; i < truth.length; i++) {
                    correct += argmax(smoothed[i]) == truth[i] ? 1 : 0;
                }
                // A longer smoothing must earn its delay: kept only when strictly better.
                if (correct > bestAccuracy) {
                    bestAccuracy = correct;
                    smoothing = k;
                }
            }
        }
        return new Calibrated(Temperature.fit(smooth(fold.calibrate(), raw, smoothing), truth),
                Scores.of(labels, truth, predicted, confidence).macroF1(), smoothing);
    }

    /** Test predictions of one model over every fold, turned into scores. */
    private final class Collector {
        final List<int[]> indices = new ArrayList<>();
        final List<double[][]> probabilities = new ArrayList<>();
        final List<Calibrated> calibrations = new ArrayList<>();
        /** Whose smoothing each fold's scores apply. */
        Collector smoothingOf = this;
        double seconds;

        void add(int[] test, double[][] raw, Calibrated calibrated) {
            indices.add(test);
            probabilities.add(raw);
            calibrations.add(calibrated);
        }

        Scores scores(boolean smoothed, boolean calibrated) {
            List<Integer> truth = new ArrayList<>();
            List<Integer> predicted = new ArrayList<>();
            List<Double> confidence = new ArrayList<>();
            for (int f = 0; f < indices.size(); f++) {
                int[] test = indices.get(f);
                Calibrated fold = calibrations.get(f);
                double[][] served = smooth(test, probabilities.get(f),
                        smoothed ? smoothingOf.calibrations.get(f).smoothing() : 1);
                if (calibrated) {
                    for (int i = 0; i < test.length; i++) {
                        served[i] = MotionModel.calibrate(served[i], fold.temperature());
                    }
                }
                for (int i = 0; i < test.length; i++) {
                    int best = argmax(served[i]);
                    truth.add(labels.indexOf(windows.window(test[i]).label()));
                    predicted.add(best);
                    confidence.add(served[i][best]);
                }
            }
            return Scores.of(labels, truth.stream().mapToInt(Integer::intValue).toArray(),
                    predicted.stream().mapToInt(Integer::intValue).toArray(),
                    confidence.stream().mapToDouble(Double::doubleValue).toArray());
        }

        double meanTemperature() {
            return calibrations.stream().mapToDouble(Calibrated::temperature).average().orElse(1);
        }

        double meanValidation() {
            return calibrations.stream().mapToDouble(Calibrated::validationMacroF1).filter(v -> !Double.isNaN(v))
                    .average().orElse(0);
        }

        /** The smoothing most folds chose (the shorter of equally common ones). */
        int smoothing() {
            Map<Integer, Long> votes = calibrations.stream().collect(Collectors.groupingBy(Calibrated::smoothing,
                    TreeMap::new, Collectors.counting()));
            return votes.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(1);
        }
    }

    /**
     * Each window's probabilities averaged with those of up to {@code k - 1} windows just before it in the same
     * recording: only what the engine would have seen by then.
     */
    private double[][] smooth(int[] test, double[][] p, int k) {
        double[][] smoothed = new double[p.length][];
        int runStart = 0;
        for (int i = 0; i < p.length; i++) {
            if (i > 0 && !windows.follows(test[i - 1], test[i])) {
                runStart = i;
            }
            int from = Math.max(runStart, i - k + 1);
            double[] mean = new double[labels.size()];
            for (int j = from; j <= i; j++) {
                for (int c = 0; c < mean.length; c++) {
                    mean[c] += p[j][c] / (i - from + 1);
                }
            }
            smoothed[i] = mean;
        }
        return smoothed;
    }

    private double[][] extractAll(MotionFeatures features) {
        double[][] x = new double[windows.windows().size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = windows.extract(features, i);
        }
        return x;
    }

    private MutableDataset<Label> dataset(MotionFeatures features, double[][] x, int[] indices) {
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("labeled collar windows",
                factory), factory);
        String[] names = features.set().names().toArray(String[]::new);
        for (int index : indices) {
            dataset.add(new ArrayExample<>(new Label(windows.window(index).label()), names, x[index]));
        }
        return dataset;
    }

    private double[] probabilities(Model<Label> model, MotionFeatures features, double[] row) {
        Prediction<Label> prediction = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL,
                features.set().names().toArray(String[]::new), row));
        double[] p = new double[labels.size()];
        prediction.getOutputScores().forEach((name, label) -> {
            int c = labels.indexOf(name);
            if (c >= 0) {
                p[c] = label.getScore();
            }
        });
        return p;
    }

    private double[][] rows(double[][] x, int[] indices) {
        double[][] rows = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            rows[i] = x[indices[i]];
        }
        return rows;
    }

    private int[] classes(int[] indices) {
        int[] classes = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            classes[i] = labels.indexOf(windows.window(indices[i]).label());
        }
        return classes;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The report as JSON: {@code accuracy, macro_f1, per_class, confusion_matrix, baseline, split} and more. */
    static JsonObject json(Report report) {
        FamilyResult best = report.bestResult();
        JsonObjectBuilder families = Json.createObjectBuilder();
        report.families().values().forEach(result -> families.add(result.family().label(), Json.createObjectBuilder()
                .add("accuracy", Scores.round(result.smoothed().accuracy()))
                .add("macro_f1", Scores.round(result.smoothed().macroF1()))
                .add("unsmoothed_accuracy", Scores.round(result.unsmoothed().accuracy()))
                .add("ece", Scores.round(result.smoothed().ece()))
                .add("validation_macro_f1", Scores.round(result.validationMacroF1()))
                .add("served", result.family().servable())
                .add("train_seconds", Scores.round(result.trainSeconds()))
                .add("parameters", result.family().parameters(report.settings().features().size()))));
        JsonArrayBuilder folds = Json.createArrayBuilder();
        report.folds().forEach(fold -> folds.add(Json.createObjectBuilder().add("name", fold.name())
                .add("train_windows", fold.train().length).add("test_windows", fold.test().length)));
        JsonObjectBuilder split = Json.createObjectBuilder().add("kind", report.split())
                .add("train_windows", report.trainWindows()).add("test_windows", report.testWindows())
                .add("folds", folds);
        if (report.split().equals("time-ordered")) {
            split.add("train_share", TRAIN_SHARE);
        }
        Settings settings = report.settings();
        return best.smoothed().json()
                .add("model", best.family().label())
                .add("unsmoothed", best.unsmoothed().json())
                .add("calibration", Json.createObjectBuilder().add("method", "temperature")
                        .add("temperature", Scores.round(best.temperature()))
                        .add("ece_before", Scores.round(best.uncalibratedEce()))
                        .add("ece_after", Scores.round(best.smoothed().ece())))
                .add("baseline", report.baseline().json().add("model", "linear-discriminant")
                        .add("unsmoothed", report.baselineUnsmoothed().json()))
                .add("split", split)
                .add("families", families)
                .add("features", Json.createObjectBuilder().add("groups", settings.features().groupLabels())
                        .add("gyro", settings.features().gyro()).add("count", settings.features().size()))
                .add("window", Json.createObjectBuilder().add("seconds", settings.window().seconds())
                        .add("overlap", settings.window().overlap()))
                .add("smoothing", Json.createObjectBuilder().add("windows", best.smoothing())
                        .add("most", settings.smoothing()))
                .build();
    }
}
