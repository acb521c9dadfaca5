package io.petty.domain.testing;

import io.petty.domain.motion.FeatureSet;
import io.petty.domain.motion.MotionFeatures;
import io.petty.domain.motion.MotionModel;
import io.petty.domain.motion.WindowSpec;
import io.petty.domain.telemetry.MotionWindow;
import jakarta.json.Json;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * A small motion model that tells two behaviors apart, trained in a second for tests: lying still ({@code resting})
 * and bouncing at 2 Hz ({@code bouncing}), at 25 Hz with a gyroscope.
 */
public final class TestMotionModels {

    public static final int HZ = 25;
    public static final List<String> LABELS = List.of("bouncing", "resting");
    public static final FeatureSet SET = FeatureSet.all(true);
    public static final MotionFeatures FEATURES = MotionFeatures.upright(SET);

    private TestMotionModels() {
    }

    /** A window of one of the two behaviors at the model's rate. */
    public static MotionWindow window(String behavior, int samples, Random random) {
        return window(behavior, samples, random, HZ);
    }

    /** A window of one of the two behaviors at any rate. */
    public static MotionWindow window(String behavior, int samples, Random random, int hz) {
        float[] accel = new float[samples * 3];
        float[] gyro = new float[samples * 3];
        double phase = random.nextDouble() * 6;
        for (int i = 0; i < samples; i++) {
            double bounce = behavior.equals("bouncing") ? 0.6 * Math.sin(phase + 2 * Math.PI * 2 * i / hz) : 0;
            accel[i * 3] = (float) (0.02 * random.nextGaussian());
            accel[i * 3 + 1] = (float) (0.02 * random.nextGaussian());
            accel[i * 3 + 2] = (float) (1 + bounce + 0.02 * random.nextGaussian());
            gyro[i * 3] = (float) (bounce * 40 + random.nextGaussian());
        }
        return new MotionWindow(hz, samples, accel, gyro);
    }

    /** The Tribuo random forest the model is made of. */
    public static Model<Label> forest(long seed) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("test windows", factory),
                factory);
        Random random = new Random(seed);
        String[] names = SET.names().toArray(String[]::new);
        for (int i = 0; i < 120; i++) {
            String behavior = LABELS.get(i % 2);
            MotionWindow w = window(behavior, 2 * HZ, random);
            data.add(new ArrayExample<>(new Label(behavior), names,
                    FEATURES.extract(w.accel(), w.gyro(), 0, w.samples(), HZ)));
        }
        return new RandomForestTrainer<>(new CARTClassificationTrainer(Integer.MAX_VALUE, 0.3f, seed),
                new FullyWeightedVotingCombiner(), 10, seed).train(data);
    }

    /** The model, smoothing over 3 windows, its version told apart by when it was made. */
    public static MotionModel tiny(Model<Label> forest, Instant createdAt) {
        return MotionModel.of(forest, LABELS, FEATURES, WindowSpec.DEFAULT, 0.8, 3,
                Json.createObjectBuilder().add("metrics", Json.createObjectBuilder().add("accuracy", 1)).build(),
                createdAt);
    }

    public static MotionModel tiny(Instant createdAt) {
        return tiny(forest(1), createdAt);
    }
}
