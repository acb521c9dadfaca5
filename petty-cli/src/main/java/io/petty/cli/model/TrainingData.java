package io.petty.cli.model;

import io.petty.domain.motion.FeatureSet;
import io.petty.domain.motion.MotionModel;
import io.petty.domain.motion.WindowSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What {@code model train} and {@code model evaluate} share: the data and how windows and features are made. */
public class TrainingData {

    @Option(names = "--data", required = true,
            description = "Labeled CSV: one file or a directory of them (columns subject?, t?, ax, ay, az, "
                    + "gx|wx?, gy|wy?, gz|wz?, label).")
    Path data;
    @Option(names = "--hz", description = "Sampling rate, when the data has no t column (10-200).")
    Integer hz;
    @Option(names = "--window", defaultValue = "2", description = "Window length in seconds (default ${DEFAULT-VALUE}).")
    double window;
    @Option(names = "--overlap", defaultValue = "0.5",
            description = "Share of a window the next one overlaps (default ${DEFAULT-VALUE}).")
    double overlap;
    /** Quantiles (21 a sensor) are left out: on the shared dog data they cost a third of the time and no accuracy. */
    @Option(names = "--features", defaultValue = "axis-stats,crossings,still-distance,magnitude,spectrum",
            description = "Feature groups: axis-stats, crossings, still-distance, quantiles, magnitude, spectrum "
                    + "(default ${DEFAULT-VALUE}).")
    String features;
    @Option(names = "--no-gyro", description = "Leave the gyroscope out even when the data has one.")
    boolean noGyro;
    @Option(names = "--smooth", defaultValue = "9",
            description = "Windows a served prediction averages: this one and those just before it, 10 s of motion "
                    + "by default (${DEFAULT-VALUE}; 1 = none). A behavior lasts longer than a window.")
    int smoothing;
    @Option(names = "--families", defaultValue = "random-forest,extra-trees,xgboost,logistic-regression",
            split = ",", description = "Model families to compare (default ${DEFAULT-VALUE}).")
    List<String> families;
    @Option(names = "--seed", defaultValue = "20261207", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    /** The data read and cut into windows, with the settings. */
    record Loaded(LabeledCsv.Data data, LabeledWindows windows, List<String> labels, Evaluation.Settings settings) {
    }

    Loaded load() throws IOException {
        if (hz != null && (hz < 10 || hz > 200)) {
            throw new IllegalArgumentException("--hz must be 10 to 200");
        }
        if (smoothing < 1 || smoothing > 60) {
            throw new IllegalArgumentException("--smooth must be 1 to 60");
        }
        LabeledCsv.Data read = LabeledCsv.read(data, hz);
        WindowSpec spec = new WindowSpec(window, overlap);
        LabeledWindows windows = LabeledWindows.cut(read.recordings(), spec);
        List<String> labels = read.labels();
        if (labels.size() < 2) {
            throw new IllegalArgumentException("the data needs at least two labels, has " + labels);
        }
        FeatureSet set = FeatureSet.parse(features, read.gyro() && !noGyro);
        return new Loaded(read, windows, labels, new Evaluation.Settings(set, spec, smoothing, seed,
                families.stream().map(Family::of).distinct().toList()));
    }

    /** SHA-256 over every file's name and bytes, in name order: which data a model came from. */
    static String fingerprint(List<Path> files) throws IOException {
        byte[][] parts = new byte[files.size() * 2][];
        for (int i = 0; i < files.size(); i++) {
            parts[2 * i] = files.get(i).getFileName().toString().getBytes(StandardCharsets.UTF_8);
            parts[2 * i + 1] = Files.readAllBytes(files.get(i));
        }
        return MotionModel.fingerprint(parts);
    }
}
