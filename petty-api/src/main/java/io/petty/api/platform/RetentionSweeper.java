package io.petty.api.platform;

import io.petty.domain.abuse.LoginThrottle;
import io.petty.domain.abuse.RateBuckets;
import io.petty.domain.idempotency.IdempotencyStore;
import io.petty.domain.live.LiveLog;
import io.petty.domain.telemetry.DeadLetterRepository;
import io.petty.domain.webhooks.WebhookOutbox;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes short-lived operational records once their time is up: dead letters after 14 days, idempotency keys
 * after a day, live events and finished webhook deliveries after 7 days, login attempts after the throttle's
 * 15 minutes, rate buckets once they have refilled. Small, indexed deletes, so every instance may run them; the
 * retention batch job (reading partitions, exports) is the place for the heavy work.
 */
@ApplicationScoped
public class RetentionSweeper {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class.getName());
    private static final long EVERY_MINUTES = 10;

    private final DeadLetterRepository deadLetters;
    private final IdempotencyStore idempotency;
    private final LiveLog liveLog;
    private final WebhookOutbox webhooks;
    private final LoginThrottle logins;
    private final RateBuckets rateBuckets;
    private final ManagedScheduledExecutorService scheduler;
    private final Clock clock;
    private volatile Future<?> sweeping;

    @Inject
    public RetentionSweeper(DeadLetterRepository deadLetters, IdempotencyStore idempotency, LiveLog liveLog,
                            WebhookOutbox webhooks, LoginThrottle logins, RateBuckets rateBuckets,
                            ManagedScheduledExecutorService scheduler, Clock clock) {
        this.deadLetters = deadLetters;
        this.idempotency = idempotency;
        this.liveLog = liveLog;
        this.webhooks = webhooks;
        this.logins = logins;
        this.rateBuckets = rateBuckets;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected RetentionSweeper() {
        this(null, null, null, null, null, null, null, null);
    }

    void onStart(@Observes Startup event) {
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, 1, EVERY_MINUTES, TimeUnit.MINUTES);
    }

    void onShutdown(@Observes Shutdown event) {
        if (sweeping != null) {
            sweeping.cancel(true);
        }
    }

    void sweep() {
        Instant now = clock.instant();
        try {
            int letters = deadLetters.purgeReceivedBefore(now.minus(DeadLetterRepository.RETENTION));
            int keys = idempotency.purgeCreatedBefore(now.minus(IdempotencyStore.RETENTION));
            int live = liveLog.forgetBefore(now.minus(LiveLog.RETENTION));
            int deliveries = webhooks.forgetBefore(now.minus(WebhookOutbox.RETENTION));
            int attempts = logins.forgetExpired();
            int buckets = rateBuckets.forgetFull(now);
            if (letters + keys + live + deliveries + attempts + buckets > 0) {
                LOG.info("Retention: deleted " + letters + " dead letters, " + keys + " idempotency keys, " + live
                        + " live events, " + deliveries + " webhook deliveries, " + attempts + " login attempts and "
                        + buckets + " full rate buckets");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retention sweep failed: " + e.getMessage());
        }
    }
}
