package io.petty.api.health;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Live unless the heap is nearly exhausted, the one state a restart cures. The database is deliberately
 * not part of liveness: restarting the server does not bring PostgreSQL back.
 */
@Liveness
@Dependent
public class LivenessCheck implements HealthCheck {

    private static final double MAX_HEAP_USE = 0.98;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double use = (double) heap.getUsed() / max;
        return HealthCheckResponse.named("heap")
                .status(use < MAX_HEAP_USE)
                .withData("used_bytes", heap.getUsed())
                .withData("max_bytes", max)
                .build();
    }
}
