package io.petty.cli.model;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.List;

/**
 * How well predictions match the truth: accuracy, macro-F1 (the mean of the classes' F1, so a rare class counts as
 * much as a common one), per-class precision and recall, the confusion matrix (rows the truth, columns the
 * prediction) and the expected calibration error of the confidences (10 equal-width bins).
 */
record Scores(List<String> labels, int[][] confusion, double ece) {

    private static final int BINS = 10;

    /**
     * @param truth      each window's true class
     * @param predicted  each window's predicted class
     * @param confidence the probability given to the predicted class
     */
    static Scores of(List<String> labels, int[] truth, int[] predicted, double[] confidence) {
        int k = labels.size();
        int[][] confusion = new int[k][k];
        double[] binConfidence = new double[BINS];
        double[] binCorrect = new double[BINS];
        int[] binCount = new int[BINS];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
            int bin = Math.min(BINS - 1, (int) (confidence[i] * BINS));
            binConfidence[bin] += confidence[i];
            binCorrect[bin] += truth[i] == predicted[i] ? 1 : 0;
            binCount[bin]++;
        }
        double ece = 0;
        for (int bin = 0; bin < BINS; bin++) {
            if (binCount[bin] > 0) {
                ece += Math.abs(binCorrect[bin] - binConfidence[bin]) / Math.max(1, truth.length);
            }
        }
        return new Scores(labels, confusion, ece);
    }

    int total() {
        int total = 0;
        for (int[] row : confusion) {
            for (int cell : row) {
                total += cell;
            }
        }
        return total;
    }

    double accuracy() {
        int correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return total() == 0 ? 0 : (double) correct / total();
    }

    int support(int c) {
        int support = 0;
        for (int cell : confusion[c]) {
            support += cell;
        }
        return support;
    }

    double recall(int c) {
        return support(c) == 0 ? 0 : (double) confusion[c][c] / support(c);
    }

    double precision(int c) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Over the classes the truth holds. */
    double macroF1() {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < confusion.length; c++) {
            if (support(c) > 0) {
                sum += f1(c);
                classes++;
            }
        }
        return classes == 0 ? 0 : sum / classes;
    }

    /** {@code accuracy}, {@code macro_f1}, {@code per_class}, {@code confusion_matrix}, {@code ece}. */
    JsonObjectBuilder json() {
        JsonObjectBuilder perClass = Json.createObjectBuilder();
        JsonArrayBuilder rows = Json.createArrayBuilder();
        JsonArrayBuilder labelArray = Json.createArrayBuilder();
        for (int c = 0; c < labels.size(); c++) {
            perClass.add(labels.get(c), Json.createObjectBuilder().add("precision", round(precision(c)))
                    .add("recall", round(recall(c))).add("f1", round(f1(c))).add("support", support(c)));
            JsonArrayBuilder row = Json.createArrayBuilder();
            for (int cell : confusion[c]) {
                row.add(cell);
            }
            rows.add(row);
            labelArray.add(labels.get(c));
        }
        return Json.createObjectBuilder().add("accuracy", round(accuracy())).add("macro_f1", round(macroF1()))
                .add("per_class", perClass)
                .add("confusion_matrix", Json.createObjectBuilder().add("labels", labelArray).add("rows", rows))
                .add("ece", round(ece)).add("windows", total());
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
