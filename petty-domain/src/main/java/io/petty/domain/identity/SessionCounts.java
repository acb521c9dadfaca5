package io.petty.domain.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Logins by outcome, as a MicroProfile Metrics counter (Prometheus: {@code petty_logins_total{outcome}}): the
 * failures are the authentication failures an alert watches, the throttled ones the logins refused for them. And
 * refresh tokens used twice ({@code petty_refresh_reuse_detected_total}): each one a stolen token, or a broken app.
 */
@ApplicationScoped
public class SessionCounts {

    private static final Metadata LOGINS = Metadata.builder().withName("petty.logins")
            .withDescription("Logins with an e-mail and password, by outcome: succeeded, failed (wrong e-mail or"
                    + " password) or throttled (refused after too many failures)").build();
    private static final Metadata REFRESH_REUSE = Metadata.builder().withName("petty.refresh.reuse.detected")
            .withDescription("Refresh tokens presented again after use; each revoked its whole login").build();

    private final Counter succeeded;
    private final Counter failed;
    private final Counter throttled;
    private final Counter refreshReused;

    @Inject
    public SessionCounts(MetricRegistry registry) {
        this.succeeded = registry.counter(LOGINS, new Tag("outcome", "succeeded"));
        this.failed = registry.counter(LOGINS, new Tag("outcome", "failed"));
        this.throttled = registry.counter(LOGINS, new Tag("outcome", "throttled"));
        this.refreshReused = registry.counter(REFRESH_REUSE);
    }

    /** For CDI proxies; never called to build a working instance. */
    protected SessionCounts() {
        this.succeeded = null;
        this.failed = null;
        this.throttled = null;
        this.refreshReused = null;
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

    void refreshReused() {
        refreshReused.inc();
    }
}
