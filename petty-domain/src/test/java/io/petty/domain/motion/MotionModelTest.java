package io.petty.domain.motion;

import io.petty.domain.telemetry.MotionWindow;
import io.petty.domain.testing.TestMotionModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MotionModelTest {

    private static final int HZ = TestMotionModels.HZ;
    private static final List<String> LABELS = TestMotionModels.LABELS;
    private static final FeatureSet SET = TestMotionModels.SET;
    private static final MotionFeatures FEATURES = TestMotionModels.FEATURES;

    private static Model<Label> tribuo;
    private static MotionModel model;

    private static MotionWindow window(String behavior, int samples, Random random) {
        return TestMotionModels.window(behavior, samples, random);
    }

    @BeforeAll
    static void train() {
        tribuo = TestMotionModels.forest(1);
        model = TestMotionModels.tiny(tribuo, Instant.parse("2026-12-07T10:00:00Z"));
    }

    @Test
    void theCompiledTreesGiveTribuosOwnProbabilities() {
        Random random = new Random(99);
        String[] names = SET.names().toArray(String[]::new);
        for (int i = 0; i < 50; i++) {
            MotionWindow w = window(LABELS.get(i % 2), 2 * HZ, random);
            double[] x = FEATURES.extract(w.accel(), w.gyro(), 0, w.samples(), HZ);
            var scores = tribuo.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, x)).getOutputScores();
            double[] expected = {scores.get("bouncing").getScore(), scores.get("resting").getScore()};
            MotionModel.Raw raw = model.raw(w);
            assertEquals(1, raw.windows(), "2 s is one window");
            assertArrayEquals(expected, raw.probabilities(), 1e-12);
        }
    }

    @Test
    void aModelRoundTripsThroughItsArtifactAndPredictsTheSame() {
        MotionModel read = MotionModel.fromArtifact(model.toArtifact());
        assertEquals(model.version(), read.version());
        assertEquals(model.manifest(), read.manifest());
        assertArrayEquals(model.toArtifact(), read.toArtifact(), "the same model, the same bytes");
        assertTrue(model.version().matches("m20261207-[0-9a-f]{10}"), model.version());
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            MotionWindow w = window(LABELS.get(i % 2), 4 * HZ, random);
            MotionPrediction before = model.classify(w);
            MotionPrediction after = read.classify(w);
            assertEquals(before.behavior(), after.behavior());
            assertArrayEquals(before.probabilities(), after.probabilities(), 0);
            assertEquals(LABELS.get(i % 2), after.behavior());
            assertEquals(3, after.windows(), "4 s at 2 s with half overlap");
        }
        assertEquals(1, read.metrics().getInt("accuracy"));
    }

    @Test
    void aWindowTooShortOrWithoutTheGyroscopeItReadsGetsNoPrediction() {
        Random random = new Random(3);
        assertNull(model.classify(window("resting", HZ / 2 - 1, random)));
        assertEquals(1, model.classify(window("resting", HZ, random)).windows(), "half a window is one");
        MotionWindow noGyro = new MotionWindow(HZ, 2 * HZ, window("resting", 2 * HZ, random).accel(), null);
        assertNull(model.classify(noGyro));
    }

    @Test
    void calibrationKeepsTheOrderAndSharpensOrSoftens() {
        double[] p = {0.7, 0.3};
        assertTrue(MotionModel.calibrate(p, 0.5)[0] > 0.7);
        assertTrue(MotionModel.calibrate(p, 2)[0] < 0.7 && MotionModel.calibrate(p, 2)[0] > 0.5);
        assertEquals(1, MotionModel.calibrate(p, 3)[0] + MotionModel.calibrate(p, 3)[1], 1e-12);
    }

    @Test
    void anythingButAnArtifactIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MotionModel.fromArtifact(new byte[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> MotionModel.fromArtifact(new byte[0]));
    }
}
