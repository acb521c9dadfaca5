package io.petty.domain.behavior;

import io.petty.domain.behavior.motion.MotionDetector;
import io.petty.domain.motion.ActiveMotionModel;
import io.petty.domain.motion.ConfidenceMonitor;
import io.petty.domain.motion.MotionModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * The engine the server runs: the rule detectors and the active motion model, with the default settings. Users take
 * it through a {@code Provider} once per piece of work, so that an activated model is served from the next one on.
 */
@ApplicationScoped
public class BehaviorResources {

    private final ActiveMotionModel motion;
    private final ConfidenceMonitor monitor;
    /** The engine of the last model seen: built once per model, read without a lock on every request. */
    private volatile Built built;

    @Inject
    public BehaviorResources(ActiveMotionModel motion, ConfidenceMonitor monitor) {
        this.motion = motion;
        this.monitor = monitor;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected BehaviorResources() {
        this(null, null);
    }

    /** Dependent: the engine is a final class, which a CDI proxy cannot extend, and each look sees the active model. */
    @Produces
    @Dependent
    BehaviorEngine engine() {
        MotionModel model = motion.current().orElse(null);
        Built seen = built;
        if (seen == null || seen.model() != model) {
            // Two threads may both build after a switch; either engine is right and the later one stays.
            seen = new Built(model, model == null ? BehaviorEngine.ofRules()
                    : BehaviorEngine.ofRulesAnd(new MotionDetector(model, monitor::served)));
            built = seen;
        }
        return seen.engine();
    }

    private record Built(MotionModel model, BehaviorEngine engine) {
    }
}
