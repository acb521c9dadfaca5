package io.petty.cli.model;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The evaluation as a person reads it. */
final class EvaluationText {

    private EvaluationText() {
    }

    static void print(Evaluation.Report report, PrintWriter out) {
        Evaluation.FamilyResult best = report.bestResult();
        Scores scores = best.smoothed();
        Evaluation.Settings settings = report.settings();
        out.printf(Locale.ROOT, "Split: %s (%d folds), %d training and %d test windows of %.1f s (overlap %.0f %%).%n",
                report.split(), report.folds().size(), report.trainWindows(), report.testWindows(),
                settings.window().seconds(), settings.window().overlap() * 100);
        out.printf(Locale.ROOT, "Features: %s%s (%d); predictions smoothed over %d windows (at most %d).%n",
                settings.features().groupLabels(), settings.features().gyro() ? " + gyroscope" : "",
                settings.features().size(), best.smoothing(), settings.smoothing());
        out.println();
        out.printf(Locale.ROOT, "%-22s %9s %9s %11s %7s %11s %8s%n", "MODEL", "ACCURACY", "MACRO-F1", "UNSMOOTHED",
                "ECE", "VALIDATION", "TRAIN-S");
        for (Evaluation.FamilyResult result : report.families().values()) {
            out.printf(Locale.ROOT, "%-22s %9.3f %9.3f %11.3f %7.3f %11.3f %8.1f%s%n", result.family().label(),
                    result.smoothed().accuracy(), result.smoothed().macroF1(), result.unsmoothed().accuracy(),
                    result.smoothed().ece(), result.validationMacroF1(), result.trainSeconds(),
                    result.family() == report.best() ? "  <- kept" : result.family().servable() ? "" : "  (not served)");
        }
        out.printf(Locale.ROOT, "%-22s %9.3f %9.3f %11.3f %7.3f%n", "linear-discriminant",
                report.baseline().accuracy(), report.baseline().macroF1(), report.baselineUnsmoothed().accuracy(),
                report.baseline().ece());
        out.println();
        out.printf(Locale.ROOT, "%s: accuracy %.3f, macro-F1 %.3f (baseline %.3f, %+.3f); calibration temperature "
                        + "%.2f, ECE %.3f -> %.3f%n", report.best().label(), scores.accuracy(), scores.macroF1(),
                report.baseline().accuracy(), scores.accuracy() - report.baseline().accuracy(), best.temperature(),
                best.uncalibratedEce(), scores.ece());
        out.println();
        List<String> labels = scores.labels();
        out.printf(Locale.ROOT, "%-16s %9s %9s %9s %8s%n", "CLASS", "PRECISION", "RECALL", "F1", "WINDOWS");
        for (int c = 0; c < labels.size(); c++) {
            out.printf(Locale.ROOT, "%-16s %9.3f %9.3f %9.3f %8d%n", labels.get(c), scores.precision(c),
                    scores.recall(c), scores.f1(c), scores.support(c));
        }
        out.println();
        out.println("Confusion matrix (rows: true, columns: predicted):");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-16s", ""));
        labels.forEach(label -> header.append(String.format(Locale.ROOT, " %9.9s", label)));
        out.println(header);
        for (int row = 0; row < labels.size(); row++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s", labels.get(row)));
            for (int cell : scores.confusion()[row]) {
                line.append(String.format(Locale.ROOT, " %9d", cell));
            }
            out.println(line);
        }
    }
}
