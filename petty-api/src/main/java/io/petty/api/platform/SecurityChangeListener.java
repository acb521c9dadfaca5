package io.petty.api.platform;

import io.petty.api.live.LiveStreams;
import io.petty.domain.collars.CollarPairings;
import io.petty.domain.identity.RevocationList;
import io.petty.domain.identity.SigningKeyRing;
import io.petty.domain.identity.TokenStore;
import io.petty.domain.live.LiveLog;
import io.petty.domain.motion.ActiveMotionModel;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this server's signing keys, revocations, remembered collar pairings and motion model in step with every
 * other instance: PostgreSQL notifies (channel {@code petty_security}, sent by triggers) and this listener applies
 * the change within milliseconds (a newly activated model loads in well under a second). After any interruption it
 * reloads everything, since notifications sent meanwhile are lost, and until then pairings are read from the
 * database each time. On the same connection it hears which pets have new live events ({@link LiveLog#CHANNEL}) and
 * tells this server's streams.
 */
@ApplicationScoped
public class SecurityChangeListener {

    private static final Logger LOG = Logger.getLogger(SecurityChangeListener.class.getName());
    private static final int POLL_MILLIS = 250;
    /** A connection that died silently (host gone, no reset) is found by a query every few seconds. */
    private static final int POLLS_PER_PROBE = 20;
    private static final long RECONNECT_MILLIS = 1000;

    private final DataSource dataSource;
    private final SigningKeyRing keys;
    private final RevocationList revocations;
    private final ManagedExecutorService executor;
    private final ManagedScheduledExecutorService scheduler;
    private final TokenStore tokenStore;
    private final CollarPairings pairings;
    private final LiveStreams liveStreams;
    private final ActiveMotionModel motionModel;
    private final Clock clock;
    private volatile boolean running;
    /** True while this server's revocations and keys are known to be complete and current. */
    private volatile boolean current;
    private volatile Future<?> task;
    private volatile Future<?> upkeep;

    @Inject
    public SecurityChangeListener(DataSource dataSource, SigningKeyRing keys, RevocationList revocations,
                                  ManagedExecutorService executor, ManagedScheduledExecutorService scheduler,
                                  TokenStore tokenStore, CollarPairings pairings, LiveStreams liveStreams,
                                  ActiveMotionModel motionModel, Clock clock) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.revocations = revocations;
        this.executor = executor;
        this.scheduler = scheduler;
        this.tokenStore = tokenStore;
        this.pairings = pairings;
        this.liveStreams = liveStreams;
        this.motionModel = motionModel;
        this.clock = clock;
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected SecurityChangeListener() {
        this.dataSource = null;
        this.keys = null;
        this.revocations = null;
        this.executor = null;
        this.scheduler = null;
        this.tokenStore = null;
        this.pairings = null;
        this.liveStreams = null;
        this.motionModel = null;
        this.clock = null;
    }

    /** Whether revocations and keys are loaded and the notifications that keep them current are arriving. */
    public boolean isCurrent() {
        return current;
    }

    void onStart(@Observes Startup event) {
        running = true;
        task = executor.submit(this::listen);
        // Every minute: retiring keys whose tokens have all expired retire (whether or not anyone rotates
        // again), and expired refresh tokens and revocations are forgotten.
        upkeep = scheduler.scheduleWithFixedDelay(this::upkeep, 1, 1, TimeUnit.MINUTES);
    }

    void onShutdown(@Observes Shutdown event) {
        running = false;
        for (Future<?> work : new Future<?>[] {task, upkeep}) {
            if (work != null) {
                work.cancel(true);
            }
        }
    }

    private void upkeep() {
        try {
            keys.retireDue();
            tokenStore.purgeExpired(clock.instant());
            revocations.forgetExpired();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Security upkeep failed: " + e.getMessage());
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN petty_security");
                    listen.execute("LISTEN " + LiveLog.CHANNEL);
                }
                // Anything that changed while nobody was listening is read now.
                keys.reload();
                revocations.reload(dataSource);
                pairings.trust();
                liveStreams.catchUp();
                motionModel.reload();
                current = true;
                PGConnection postgres = connection.unwrap(PGConnection.class);
                for (int polls = 1; running; polls++) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            handle(notification);
                        }
                    }
                    if (polls % POLLS_PER_PROBE == 0) {
                        try (Statement probe = connection.createStatement()) {
                            probe.execute("SELECT 1");
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                current = false;
                pairings.distrust();
                if (running) {
                    LOG.log(Level.WARNING, "Listening for security changes failed (" + e.getMessage()
                            + "); reconnecting");
                    pause();
                }
            }
        }
    }

    /** One notification; a payload it cannot read is logged and skipped, not a reason to reconnect and reload. */
    private void handle(PGNotification notification) {
        try {
            if (LiveLog.CHANNEL.equals(notification.getName())) {
                liveStreams.notified(petIds(notification.getParameter()));
            } else {
                apply(notification.getParameter());
            }
        } catch (IllegalArgumentException e) {
            LOG.warning("Ignored a notification on " + notification.getName() + " that could not be read: "
                    + e.getMessage());
        }
    }

    private static List<UUID> petIds(String payload) {
        return Arrays.stream(payload.split(",")).map(UUID::fromString).toList();
    }

    private void apply(String change) {
        if (change.startsWith("revoked_token:")) {
            revocations.revokeToken(UUID.fromString(change.substring("revoked_token:".length())));
            liveStreams.credentialsChanged();
        } else if (change.startsWith("revoked_family:")) {
            revocations.revokeFamily(UUID.fromString(change.substring("revoked_family:".length())));
            liveStreams.credentialsChanged();
        } else if (change.startsWith("collar:")) {
            pairings.changed(change.substring("collar:".length()));
        } else if (change.equals("motion_model_activation")) {
            motionModel.reload();
        } else if (change.equals("signing_key")) {
            keys.reload();
            liveStreams.credentialsChanged();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
