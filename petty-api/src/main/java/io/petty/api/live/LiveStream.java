package io.petty.api.live;

import io.petty.domain.live.LiveEvent;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One open stream: a client following a pet's live log from an entry on. Sends never wait: each is queued on the
 * connection (written as the client reads, by the container, with no thread held), and a client that lets more than
 * {@link #MAX_UNSENT} pile up, or whose connection fails, is dropped.
 */
final class LiveStream {

    /** Events queued and not yet written to the client, beyond which it is too slow to follow. */
    static final int MAX_UNSENT = 64;
    /** How long a client waits before it reconnects: a server that went away is likely back or replaced by then. */
    static final Duration RECONNECT = Duration.ofSeconds(3);

    private final UUID accountId;
    private final UUID petId;
    private final SseEventSink sink;
    private final Sse sse;
    private final Instant expiresAt;
    private final Consumer<LiveStream> onClose;
    private final AtomicInteger unsent = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The number of the last entry sent; guarded by this. */
    private long lastSeq;

    LiveStream(UUID accountId, UUID petId, long lastSeq, Instant expiresAt, SseEventSink sink, Sse sse,
               Consumer<LiveStream> onClose) {
        this.accountId = accountId;
        this.petId = petId;
        this.lastSeq = lastSeq;
        this.expiresAt = expiresAt;
        this.sink = sink;
        this.sse = sse;
        this.onClose = onClose;
    }

    UUID accountId() {
        return accountId;
    }

    UUID petId() {
        return petId;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The pet's entries after the last sent, in order; those sent already are skipped. */
    synchronized void deliver(List<LiveEvent> events) {
        for (LiveEvent event : events) {
            if (event.seq() <= lastSeq) {
                continue;
            }
            if (!send(sse.newEventBuilder().id(Long.toString(event.seq())).name(event.name()).data(event.data())
                    .build())) {
                return;
            }
            lastSeq = event.seq();
        }
    }

    /** Tells the client that entries it has not seen are no longer kept: it reads the pet's state afresh. */
    synchronized void reset(String reason) {
        send(sse.newEventBuilder().name("reset").data("{\"reason\":\"" + reason + "\"}").build());
    }

    /**
     * The stream's first line: the response's head goes out with it (else not before the first event), and it says
     * how long to wait before reconnecting.
     */
    void opened() {
        send(sse.newEventBuilder().comment("open").reconnectDelay(RECONNECT.toMillis()).build());
    }

    /** A comment line: it keeps proxies from closing an idle connection, and shows a vanished client. */
    void heartbeat() {
        send(sse.newEventBuilder().comment("heartbeat").build());
    }

    private boolean send(OutboundSseEvent event) {
        if (closed.get() || sink.isClosed()) {
            close();
            return false;
        }
        if (unsent.incrementAndGet() > MAX_UNSENT) {
            close();
            return false;
        }
        try {
            sink.send(event).whenComplete((sent, failure) -> {
                unsent.decrementAndGet();
                if (failure != null) {
                    close();
                }
            });
            return true;
        } catch (IllegalStateException alreadyClosed) {
            close();
            return false;
        }
    }

    /** Ends the stream once; the registry forgets it and the connection is closed off the caller's thread. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }

    /** Closes the connection itself; may wait for what is queued to be flushed. */
    void closeSink() {
        sink.close();
    }
}
