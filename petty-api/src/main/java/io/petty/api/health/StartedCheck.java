package io.petty.api.health;

import io.petty.api.platform.DatabaseLifecycle;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the application has made its first attempt to prepare the database, whatever came of it. */
@Startup
@Dependent
public class StartedCheck implements HealthCheck {

    private final DatabaseLifecycle lifecycle;

    @Inject
    public StartedCheck(DatabaseLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("petty").status(lifecycle.state().attempted()).build();
    }
}
