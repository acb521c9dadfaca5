package io.petty.api.live;

import io.petty.domain.live.LiveEvent;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One open stream: a client following a pet's live log from an entry on. Whoever has something for it only puts it
 * in the stream's mailbox; a task of the stream's own writes the mailbox out, one event after the other, so that a
 * client that does not read (the container's send then waits for the connection) holds up no one else. The mailbox
 * holds at most {@link #MAX_UNSENT} events: beyond, the stream falls behind and, once its mailbox is written out,
 * reads on from the log itself (the log is the buffer, not the server's memory). A client whose send does not end
 * within {@link #SEND_TIMEOUT}, or whose connection fails, is dropped.
 */
final class LiveStream {

    /** Events queued and not yet written to the client, beyond which it reads on from the log when it has caught up. */
    static final int MAX_UNSENT = 64;
    /** How long one event may take to be written before its client counts as gone. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** How long a client waits before it reconnects: a server that went away is likely back or replaced by then. */
    static final Duration RECONNECT = Duration.ofSeconds(3);

    private final UUID accountId;
    private final UUID petId;
    private final SseEventSink sink;
    private final Sse sse;
    private final Instant expiresAt;
    /** Whether the token the stream was opened with is still good (not revoked, its key not retired). */
    private final BooleanSupplier admitted;
    private final Consumer<LiveStream> onClose;
    private final Consumer<LiveStream> readOn;
    private final Executor writer;
    private final Queue<OutboundSseEvent> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unsent = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Entries were left in the log for want of room in the mailbox; guarded by this. */
    private boolean behind;
    /** The number of the last entry sent; guarded by this. */
    private long lastSeq;

    LiveStream(UUID accountId, UUID petId, long lastSeq, Instant expiresAt, BooleanSupplier admitted,
               SseEventSink sink, Sse sse, Executor writer, Consumer<LiveStream> readOn,
               Consumer<LiveStream> onClose) {
        this.accountId = accountId;
        this.petId = petId;
        this.lastSeq = lastSeq;
        this.expiresAt = expiresAt;
        this.admitted = admitted;
        this.sink = sink;
        this.sse = sse;
        this.writer = writer;
        this.readOn = readOn;
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

    /** Whether the stream has to end: its token expired, or was revoked. */
    boolean endsAt(Instant now) {
        return !now.isBefore(expiresAt) || !admitted.getAsBoolean();
    }

    /**
     * The pet's entries after the last sent, in order; those sent already are skipped, and those the mailbox has no
     * room for are read again from the log when it has.
     */
    synchronized void deliver(List<LiveEvent> events) {
        if (behind) {
            // It reads on from the log once its mailbox has room.
            return;
        }
        for (LiveEvent event : events) {
            if (event.seq() <= lastSeq) {
                continue;
            }
            if (event.seq() > lastSeq + 1) {
                // Read for streams further on while this one was behind: it reads what lies between from the log.
                readOn.accept(this);
                return;
            }
            if (unsent.get() >= MAX_UNSENT) {
                behind = true;
                return;
            }
            if (!send(sse.newEventBuilder().id(Long.toString(event.seq())).name(event.name()).data(event.data())
                    .build())) {
                return;
            }
            lastSeq = event.seq();
        }
    }

    /** Whether it fell behind: it reads on from the log by itself, and the others' reads need not wait for it. */
    synchronized boolean behind() {
        return behind;
    }

    /** Whether its mailbox has room for more events. */
    boolean hasRoom() {
        return unsent.get() < MAX_UNSENT;
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
        if (unsent.get() < MAX_UNSENT) {
            send(sse.newEventBuilder().comment("heartbeat").build());
        }
    }

    /** Puts the event in the mailbox, and has it written out unless a writing task is at it already. */
    private boolean send(OutboundSseEvent event) {
        if (closed.get()) {
            return false;
        }
        unsent.incrementAndGet();
        mailbox.add(event);
        if (writing.compareAndSet(false, true)) {
            writer.execute(this::writeOut);
        }
        return true;
    }

    /** Writes the mailbox out in order, each event once the one before it is written. */
    private void writeOut() {
        try {
            for (OutboundSseEvent event = mailbox.poll(); event != null && !closed.get(); event = mailbox.poll()) {
                unsent.decrementAndGet();
                if (sink.isClosed()) {
                    close();
                    return;
                }
                sink.send(event).toCompletableFuture().get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        } catch (ExecutionException | TimeoutException | IllegalStateException | CompletionException e) {
            // A failed write, one the client did not take in time, or a sink already closed: the client is gone.
            close();
        } finally {
            writing.set(false);
        }
        if (!mailbox.isEmpty() && !closed.get() && writing.compareAndSet(false, true)) {
            writer.execute(this::writeOut);
        } else if (!closed.get() && caughtUp()) {
            readOn.accept(this);
        }
    }

    /** Whether the stream had fallen behind: it has room now, and reads on from the log. */
    private synchronized boolean caughtUp() {
        boolean was = behind;
        behind = false;
        return was;
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
