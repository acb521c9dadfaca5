package io.petty.domain.behavior.rules;

import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.Detector;
import io.petty.domain.testing.ReadingScript;

import java.util.List;

/** One detector alone over a script's readings, through the engine as the server runs it. */
final class DetectorRun {

    private DetectorRun() {
    }

    static List<DetectedEvent> events(Detector detector, ReadingScript script) {
        return new BehaviorEngine(BehaviorEngine.Settings.DEFAULT, List.of(detector)).analyse(script.readings());
    }
}
