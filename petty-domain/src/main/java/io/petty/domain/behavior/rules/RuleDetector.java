package io.petty.domain.behavior.rules;

import io.petty.domain.behavior.Detection;
import io.petty.domain.behavior.Detector;

import java.io.DataInput;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What every rule detector shares: its name, version and behaviors, and a detection that reads its own state back. */
abstract class RuleDetector implements Detector {

    /** A rule detector's state machine, restored from what {@link Detection#writeTo} wrote. */
    interface RuleDetection extends Detection {
        void readFrom(DataInput in) throws IOException;
    }

    private final String name;
    private final String version;
    private final Set<String> behaviors;

    RuleDetector(String name, String version, String... behaviors) {
        this.name = name;
        this.version = version;
        // In the order given: it is the order they are listed in (a message naming the behaviors, say).
        this.behaviors = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(behaviors)));
    }

    /** A detection in its initial state. */
    abstract RuleDetection newDetection();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String version() {
        return version;
    }

    @Override
    public final Set<String> behaviors() {
        return behaviors;
    }

    @Override
    public final Detection start() {
        return newDetection();
    }

    @Override
    public final Detection restore(DataInput in) throws IOException {
        RuleDetection detection = newDetection();
        detection.readFrom(in);
        return detection;
    }
}
