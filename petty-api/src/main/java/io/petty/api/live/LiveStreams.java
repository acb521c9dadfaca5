package io.petty.api.live;

import io.petty.api.identity.TokenPolicy;
import io.petty.domain.live.LiveEvent;
import io.petty.domain.live.LiveLog;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * This server's open streams, by pet, and their delivery from the live log. Told which pets have new entries (by
 * the change listener, whichever server wrote them), it reads them once per pet and hands them to each of the pet's
 * streams, every stream on its own so that a stalled client delays no other (not {@code SseBroadcaster}, which chains
 * its sinks). A heartbeat every 15 s finds the clients that vanished, and ends the streams whose token has expired;
 * a revocation ends those of the token or login at once.
 */
@ApplicationScoped
public class LiveStreams {

    private static final Logger LOG = Logger.getLogger(LiveStreams.class.getName());
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** Entries read per pet at a time. */
    private static final int PER_READ = 100;

    private final LiveLog log;
    private final TokenPolicy tokens;
    private final ManagedExecutorService executor;
    private final ManagedScheduledExecutorService scheduler;
    private final Clock clock;
    /** Streams one account may hold open on one server: the app's screens, a few devices. */
    private final int perAccount;
    private final Map<UUID, Set<LiveStream>> byPet = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> byAccount = new ConcurrentHashMap<>();
    private volatile Future<?> heartbeats;

    @Inject
    public LiveStreams(LiveLog log, TokenPolicy tokens, ManagedExecutorService executor,
                       ManagedScheduledExecutorService scheduler, Clock clock,
                       @ConfigProperty(name = "petty.live.streams-per-account") int perAccount) {
        this.log = log;
        this.tokens = tokens;
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = clock;
        this.perAccount = perAccount;
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected LiveStreams() {
        this(null, null, null, null, null, 0);
    }

    void onStart(@Observes Startup event) {
        heartbeats = scheduler.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(),
                TimeUnit.SECONDS);
    }

    void onShutdown(@Observes Shutdown event) {
        if (heartbeats != null) {
            heartbeats.cancel(true);
        }
        byPet.values().forEach(streams -> streams.forEach(LiveStream::close));
    }

    /**
     * Opens a stream of the pet's entries after {@code lastEventId} (the client's {@code Last-Event-ID}), or after
     * the pet's last one when null; an id the log no longer holds (or never did) starts with a {@code reset}.
     *
     * @return false when the account holds {@code petty.live.streams-per-account} streams already: nothing is opened
     */
    public boolean open(UUID accountId, UUID petId, Long lastEventId, JsonWebToken token, SseEventSink sink, Sse sse) {
        // The filters admitted this token: it has a credential.
        TokenPolicy.Credential credential = tokens.credential(token).orElseThrow();
        boolean[] admitted = {false};
        byAccount.compute(accountId, (account, held) -> {
            int open = held == null ? 0 : held;
            admitted[0] = open < perAccount;
            return admitted[0] ? open + 1 : open;
        });
        if (!admitted[0]) {
            return false;
        }
        long last;
        long oldest;
        try {
            last = log.last(List.of(petId)).get(petId);
            oldest = lastEventId == null || lastEventId >= last ? 0 : log.oldest(petId);
        } catch (RuntimeException e) {
            release(accountId);
            throw e;
        }
        // An id past the log's last, or before what it keeps (all of it gone is "kept from 0": none of it).
        boolean reset = lastEventId != null && (lastEventId > last
                || lastEventId < last && (oldest == 0 || lastEventId < oldest - 1));
        long from = lastEventId == null || reset ? last : lastEventId;
        LiveStream stream = new LiveStream(accountId, petId, from, Instant.ofEpochSecond(token.getExpirationTime()),
                () -> tokens.admits(credential), sink, sse, executor, this::readOn, this::closed);
        // Registered before its first write: should that find the client gone, closing it finds it here to remove.
        byPet.compute(petId, (pet, streams) -> {
            Set<LiveStream> of = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            of.add(stream);
            return of;
        });
        stream.opened();
        if (reset) {
            stream.reset("the events after " + lastEventId + " are no longer kept");
        }
        // Anything logged since the client's id, or since the read above.
        notified(Set.of(petId));
        return true;
    }

    /** These pets have new entries in the live log: read once, sent to each of their streams here. */
    public void notified(Collection<UUID> petIds) {
        Set<UUID> followed = petIds.stream().filter(byPet::containsKey).collect(Collectors.toSet());
        if (!followed.isEmpty()) {
            executor.submit(() -> deliver(followed));
        }
    }

    /** A token or login was revoked, or a signing key retired: the streams opened with it end now. */
    public void credentialsChanged() {
        endThoseOver(clock.instant());
    }

    /** Ends the streams whose token has expired or was revoked. */
    private void endThoseOver(Instant now) {
        byPet.values().forEach(streams -> streams.forEach(stream -> {
            if (stream.endsAt(now)) {
                stream.close();
            }
        }));
    }

    /** After notifications may have been lost (the listener reconnected): every followed pet is read again. */
    public void catchUp() {
        notified(Set.copyOf(byPet.keySet()));
    }

    private void deliver(Set<UUID> petIds) {
        try {
            Map<UUID, Long> after = new HashMap<>();
            for (UUID petId : petIds) {
                // From the last entry any stream keeping up has sent: one behind reads on by itself.
                byPet.getOrDefault(petId, Set.of()).stream().filter(stream -> !stream.behind())
                        .mapToLong(LiveStream::lastSeq).min()
                        .ifPresent(seq -> after.put(petId, seq));
            }
            while (!after.isEmpty()) {
                Map<UUID, List<LiveEvent>> read = log.after(after, PER_READ).stream()
                        .collect(Collectors.groupingBy(LiveEvent::petId));
                after.clear();
                read.forEach((petId, events) -> {
                    byPet.getOrDefault(petId, Set.of()).forEach(stream -> stream.deliver(events));
                    if (events.size() == PER_READ) {
                        after.put(petId, events.get(events.size() - 1).seq());
                    }
                });
            }
        } catch (RuntimeException e) {
            // The next notification, or the listener's catch-up, reads them again.
            LOG.log(Level.WARNING, "Delivering live events failed: " + e.getMessage());
        }
    }

    /** A stream that fell behind has room again: it reads on from the log, on its own. */
    private void readOn(LiveStream stream) {
        executor.submit(() -> {
            try {
                List<LiveEvent> page;
                do {
                    page = log.after(Map.of(stream.petId(), stream.lastSeq()), PER_READ);
                    stream.deliver(page);
                    // A full page may have more after it; a stream out of room again comes back when it has some.
                } while (page.size() == PER_READ && stream.hasRoom());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Reading on for a live stream failed: " + e.getMessage());
                stream.close();
            }
        });
    }

    private void heartbeat() {
        endThoseOver(clock.instant());
        // A stream ended above sends nothing more.
        byPet.values().forEach(streams -> streams.forEach(LiveStream::heartbeat));
    }

    private void release(UUID accountId) {
        byAccount.computeIfPresent(accountId, (account, held) -> held <= 1 ? null : held - 1);
    }

    private void closed(LiveStream stream) {
        byPet.computeIfPresent(stream.petId(), (pet, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        release(stream.accountId());
        // The container's close waits for what is queued to be flushed: not on a thread that delivers to others.
        try {
            executor.submit(stream::closeSink);
        } catch (RejectedExecutionException stopping) {
            stream.closeSink();
        }
    }
}
