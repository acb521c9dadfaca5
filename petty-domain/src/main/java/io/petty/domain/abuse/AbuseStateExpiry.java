package io.petty.domain.abuse;

import io.petty.domain.platform.SchemaReady;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes login attempts past the throttle's window and rate buckets that have refilled, every 10 minutes on every
 * server (small indexed deletes). Minutes, not the retention job's days: these rows hold client addresses and keyed
 * hashes of e-mails that the inventory promises to keep for at most 25 minutes.
 */
@ApplicationScoped
public class AbuseStateExpiry {

    private static final Logger LOG = Logger.getLogger(AbuseStateExpiry.class.getName());
    private static final long EVERY_MINUTES = 10;

    private final LoginThrottle logins;
    private final RateBuckets rateBuckets;
    private final ManagedScheduledExecutorService scheduler;
    private final Clock clock;
    private volatile Future<?> sweeping;

    @Inject
    public AbuseStateExpiry(LoginThrottle logins, RateBuckets rateBuckets, ManagedScheduledExecutorService scheduler,
                            Clock clock) {
        this.logins = logins;
        this.rateBuckets = rateBuckets;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected AbuseStateExpiry() {
        this(null, null, null, null);
    }

    void start(@Observes SchemaReady ready) {
        if (sweeping == null) {
            sweeping = scheduler.scheduleWithFixedDelay(this::expire, 1, EVERY_MINUTES, TimeUnit.MINUTES);
        }
    }

    void stop(@Observes Shutdown shutdown) {
        Future<?> task = sweeping;
        if (task != null) {
            task.cancel(true);
        }
    }

    void expire() {
        try {
            int attempts = logins.forgetExpired();
            int buckets = rateBuckets.forgetFull(clock.instant());
            if (attempts + buckets > 0) {
                LOG.fine("Expired " + attempts + " login attempts and " + buckets + " full rate buckets");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not expire login attempts and rate buckets: " + e.getMessage());
        }
    }
}
