package io.petty.domain.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Logins by outcome, as a MicroProfile Metrics counter (Prometheus: {@code petty_logins_total{outcome}}): the
 * failures are the authentication failures an alert watches, the throttled ones the logins refused for them.
 */
@ApplicationScoped
public class LoginCounts {

    private static final Metadata LOGINS = Metadata.builder().withName("petty.logins")
            .withDescription("Logins with an e-mail and password, by outcome: succeeded, failed (wrong e-mail or"
                    + " password) or throttled (refused after too many failures)").build();

    private final Counter succeeded;
    private final Counter failed;
    private final Counter throttled;

    @Inject
    public LoginCounts(MetricRegistry registry) {
        this.succeeded = registry.counter(LOGINS, new Tag("outcome", "succeeded"));
        this.failed = registry.counter(LOGINS, new Tag("outcome", "failed"));
        this.throttled = registry.counter(LOGINS, new Tag("outcome", "throttled"));
    }

    /** For CDI proxies; never called to build a working instance. */
    protected LoginCounts() {
        this.succeeded = null;
        this.failed = null;
        this.throttled = null;
    }

    void succeeded() {
        succeeded.inc();
    }

    void failed() {
        failed.inc();
    }

    void throttled() {
        throttled.inc();
    }
}
