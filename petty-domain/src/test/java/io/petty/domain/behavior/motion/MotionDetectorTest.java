package io.petty.domain.behavior.motion;

import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.EventKind;
import io.petty.domain.behavior.UnitAnalysis;
import io.petty.domain.motion.MotionModel;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.MotionWindow;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.TestMotionModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MotionDetectorTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static MotionModel model;

    @BeforeAll
    static void train() {
        model = TestMotionModels.tiny(T0);
    }

    /** Readings one second apart, each with a 2 s window of the behavior, or none where it is null. */
    private static List<Reading> readings(Instant from, String... behaviors) {
        Random random = new Random(11);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < behaviors.length; i++) {
            MotionWindow motion = behaviors[i] == null ? null
                    : TestMotionModels.window(behaviors[i], 2 * TestMotionModels.HZ, random);
            readings.add(new Reading("SN-1", from.plusSeconds(i), 70, ActivityLevel.WALKING, null, null, null,
                    motion));
        }
        return readings;
    }

    private static String[] times(int n, String behavior) {
        String[] behaviors = new String[n];
        java.util.Arrays.fill(behaviors, behavior);
        return behaviors;
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    private static List<DetectedEvent> motionEvents(BehaviorEngine engine, List<Reading> readings) {
        return engine.analyse(readings).stream().filter(e -> e.detector().equals(MotionDetector.NAME)).toList();
    }

    @Test
    void consecutiveReadingsOfOneBehaviorAreOneEventWithTheModelsConfidence() {
        List<Double> served = new ArrayList<>();
        BehaviorEngine engine = BehaviorEngine.ofRulesAnd(new MotionDetector(model, (version, confidence) -> {
            assertEquals(model.version(), version);
            served.add(confidence);
        }));
        List<DetectedEvent> events = motionEvents(engine, readings(T0, concat(times(10, "resting"),
                times(10, "bouncing"))));
        assertEquals(2, events.size(), events.toString());
        assertEquals("resting", events.get(0).behavior());
        assertEquals("bouncing", events.get(1).behavior());
        assertEquals(T0, events.get(0).start());
        assertEquals(T0.plusSeconds(19), events.get(1).end());
        assertTrue(events.get(1).start().isAfter(T0.plusSeconds(9)), "smoothing lags by at most the model's windows");
        assertTrue(events.get(1).start().isBefore(T0.plusSeconds(13)), events.get(1).start().toString());
        for (DetectedEvent event : events) {
            assertEquals(EventKind.BEHAVIOR, event.kind());
            assertEquals(model.version(), event.detectorVersion());
            assertEquals(model.version(), event.metadata().get("model_version"));
            assertTrue(event.confidence() > 0.5 && event.confidence() <= 1, "confidence " + event.confidence());
        }
        assertEquals(20, served.size(), "every prediction is told to the monitor");
        assertEquals(events.get(0).confidence() * (int) events.get(0).metadata().get("readings")
                        + events.get(1).confidence() * (int) events.get(1).metadata().get("readings"),
                served.stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(engine.behaviors().containsAll(model.labels()), "owners may correct to the model's behaviors");
        assertEquals(MotionDetector.MODEL, engine.detectors().get(engine.detectors().size() - 1).source());
    }

    @Test
    void readingsWithoutAWindowNeitherEndNorExtendAnEventButAGapEndsIt() {
        BehaviorEngine engine = BehaviorEngine.ofRulesAnd(new MotionDetector(model, (v, c) -> { }));
        List<Reading> readings = new ArrayList<>(readings(T0, "resting", null, null, "resting", null));
        readings.addAll(readings(T0.plusSeconds(3_600), "resting", "resting"));
        List<DetectedEvent> events = motionEvents(engine, readings);
        assertEquals(2, events.size(), events.toString());
        assertEquals(T0.plusSeconds(3), events.get(0).end(), "the last reading with a window");
        assertEquals(2, events.get(0).metadata().get("readings"));
        assertEquals(T0.plusSeconds(3_600), events.get(1).start());
    }

    @Test
    void anAnalysisSavedAndReadBackFindsWhatAnUninterruptedOneFinds() {
        BehaviorEngine engine = BehaviorEngine.ofRulesAnd(new MotionDetector(model, (v, c) -> { }));
        List<Reading> readings = readings(T0, concat(times(6, "resting"), times(7, "bouncing"), times(5, "resting")));
        List<DetectedEvent> whole = motionEvents(engine, readings);
        for (int cut = 1; cut < readings.size(); cut++) {
            List<DetectedEvent> events = new ArrayList<>();
            UnitAnalysis first = engine.start();
            readings.subList(0, cut).forEach(r -> first.accept(r, events::add));
            UnitAnalysis resumed = engine.restore(first.snapshot()).orElseThrow();
            readings.subList(cut, readings.size()).forEach(r -> resumed.accept(r, events::add));
            resumed.finish(events::add);
            assertEquals(whole, events.stream().filter(e -> e.detector().equals(MotionDetector.NAME)).toList(),
                    "cut after " + cut);
        }
        BehaviorEngine otherModel = BehaviorEngine.ofRulesAnd(new MotionDetector(
                TestMotionModels.tiny(T0.plusSeconds(86_400)), (v, c) -> { }));
        UnitAnalysis analysis = engine.start();
        readings.forEach(r -> analysis.accept(r, e -> { }));
        assertTrue(otherModel.restore(analysis.snapshot()).isEmpty(), "another model starts the unit again");
        assertTrue(!analysis.madeBy(otherModel) && analysis.madeBy(engine));
    }
}
