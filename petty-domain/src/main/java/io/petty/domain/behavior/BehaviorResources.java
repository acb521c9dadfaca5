package io.petty.domain.behavior;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The engine the server runs: the rule detectors with the default settings. */
@ApplicationScoped
public class BehaviorResources {

    /** A singleton rather than application-scoped: the engine is a final class, which a CDI proxy cannot extend. */
    @Produces
    @Singleton
    BehaviorEngine engine() {
        return BehaviorEngine.ofRules();
    }
}
