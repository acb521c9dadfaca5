package io.petty.domain.motion;

import io.petty.domain.telemetry.MotionWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What classifying a motion window costs on one core, in windows per second, with the model the server ships
 * (2 s at 50 Hz, accelerometer and gyroscope): the baseline only sums the window's samples; the features add
 * every feature of the set; the compiled forest is what the server runs (features, trees, calibration); Tribuo's
 * own prediction of the same model is beside it, for the ratio.
 *
 * <pre>
 * mvn -q -pl petty-domain test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main MotionModelBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(MotionModelBenchmark.WINDOWS)
public class MotionModelBenchmark {

    static final int WINDOWS = 256;
    private static final int HZ = 50;

    private MotionWindow[] windows;
    private MotionModel model;
    private Model<Label> tribuo;
    private String[] names;

    @Setup
    public void load() throws IOException {
        byte[] artifact;
        try (InputStream in = MotionModel.class.getResourceAsStream("dog-collar-default.zip")) {
            artifact = in.readAllBytes();
        }
        model = MotionModel.fromArtifact(artifact);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(artifact))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals("tribuo-model.pb")) {
                    @SuppressWarnings("unchecked")
                    Model<Label> read = (Model<Label>) Model.deserialize(ModelProto.parseFrom(zip.readAllBytes()));
                    tribuo = read;
                }
            }
        }
        names = model.features().set().names().toArray(String[]::new);
        Random random = new Random(1);
        windows = new MotionWindow[WINDOWS];
        for (int w = 0; w < WINDOWS; w++) {
            float[] accel = new float[2 * HZ * 3];
            float[] gyro = new float[2 * HZ * 3];
            double gait = random.nextDouble() * 4;
            for (int i = 0; i < accel.length; i++) {
                accel[i] = (float) ((i % 3 == 2 ? 1 : 0) + 0.4 * Math.sin(gait * i / HZ) + 0.05 * random.nextGaussian());
                gyro[i] = (float) (40 * Math.sin(gait * i / HZ + 1) + random.nextGaussian());
            }
            windows[w] = new MotionWindow(HZ, 2 * HZ, accel, gyro);
        }
    }

    @Benchmark
    public double baselineSummingTheSamples() {
        double sum = 0;
        for (MotionWindow window : windows) {
            for (float value : window.accel()) {
                sum += value;
            }
            for (float value : window.gyro()) {
                sum += value;
            }
        }
        return sum;
    }

    @Benchmark
    public double featuresOnly() {
        double sum = 0;
        for (MotionWindow window : windows) {
            sum += model.features().extract(window.accel(), window.gyro(), 0, window.samples(), HZ)[0];
        }
        return sum;
    }

    @Benchmark
    public double compiledForest() {
        double sum = 0;
        for (MotionWindow window : windows) {
            sum += model.classify(window).confidence();
        }
        return sum;
    }

    @Benchmark
    public double tribuoPrediction() {
        double sum = 0;
        for (MotionWindow window : windows) {
            double[] x = model.features().extract(window.accel(), window.gyro(), 0, window.samples(), HZ);
            sum += tribuo.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, x)).getOutput().getScore();
        }
        return sum;
    }
}
