package io.petty.cli.model;

/**
 * Linear discriminant analysis, the published baseline (Kumpulainen et al. 2021 report it beside their SVM): one
 * Gaussian per class with a shared covariance. Tribuo has none, and it is forty lines. Features are standardised
 * first and the covariance shrunk a little towards its diagonal, so that correlated features (a quantile and its
 * neighbour) cannot make it singular.
 */
final class LinearDiscriminant {

    private static final double SHRINKAGE = 0.05;

    private final double[] mean;
    private final double[] scale;
    /** Per class: the weights {@code Σ⁻¹ μ_k} and the constant {@code -½ μ_k' Σ⁻¹ μ_k + log π_k}. */
    private final double[][] weights;
    private final double[] constants;

    private LinearDiscriminant(double[] mean, double[] scale, double[][] weights, double[] constants) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.constants = constants;
    }

    /** @param classes each row's class, 0 to {@code k - 1} */
    static LinearDiscriminant fit(double[][] rows, int[] classes, int k) {
        int d = rows[0].length;
        int n = rows.length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
        }
        double[][] classMeans = new double[k][d];
        int[] counts = new int[k];
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = standardise(rows[i], mean, scale);
            counts[classes[i]]++;
            for (int j = 0; j < d; j++) {
                classMeans[classes[i]][j] += z[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                classMeans[c][j] /= Math.max(1, counts[c]);
            }
        }
        double[][] covariance = new double[d][d];
        for (int i = 0; i < n; i++) {
            double[] centred = new double[d];
            for (int j = 0; j < d; j++) {
                centred[j] = z[i][j] - classMeans[classes[i]][j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    covariance[a][b] += centred[a] * centred[b] / Math.max(1, n - k);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                covariance[a][b] *= 1 - SHRINKAGE;
                covariance[b][a] = covariance[a][b];
            }
            covariance[a][a] = covariance[a][a] + SHRINKAGE * Math.max(covariance[a][a], 1e-6);
        }
        double[][] factor = cholesky(covariance);
        double[][] weights = new double[k][];
        double[] constants = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = solve(factor, classMeans[c]);
            double quadratic = 0;
            for (int j = 0; j < d; j++) {
                quadratic += weights[c][j] * classMeans[c][j];
            }
            constants[c] = counts[c] == 0 ? Double.NEGATIVE_INFINITY
                    : -0.5 * quadratic + Math.log((double) counts[c] / n);
        }
        return new LinearDiscriminant(mean, scale, weights, constants);
    }

    /** Posterior probabilities of the classes. */
    double[] probabilities(double[] row) {
        double[] z = standardise(row, mean, scale);
        double[] scores = new double[weights.length];
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < scores.length; c++) {
            double score = constants[c];
            for (int j = 0; j < z.length; j++) {
                score += weights[c][j] * z[j];
            }
            scores[c] = score;
            best = Math.max(best, score);
        }
        double total = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - best);
            total += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= total;
        }
        return scores;
    }

    private static double[] standardise(double[] row, double[] mean, double[] scale) {
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            z[j] = (row[j] - mean[j]) / scale[j];
        }
        return z;
    }

    /** Lower triangular {@code L} with {@code L L' = a}; {@code a} symmetric positive definite. */
    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int m = 0; m < j; m++) {
                    sum -= l[i][m] * l[j][m];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j][j];
            }
        }
        return l;
    }

    /** {@code x} with {@code L L' x = b}. */
    private static double[] solve(double[][] l, double[] b) {
        int d = b.length;
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = b[i];
            for (int m = 0; m < i; m++) {
                sum -= l[i][m] * y[m];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double sum = y[i];
            for (int m = i + 1; m < d; m++) {
                sum -= l[m][i] * x[m];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
