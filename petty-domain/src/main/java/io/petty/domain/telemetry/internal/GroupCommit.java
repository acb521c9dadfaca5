package io.petty.domain.telemetry.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Group commit for small writes. Collars mostly send one reading per request, thousands of times a second, and
 * each statement and commit costs PostgreSQL far more than each row. So one request at a time writes: it takes
 * every request waiting at that moment along into one statement, while requests arriving meanwhile queue up for
 * the next one. Nobody waits for a timer, and each caller still returns only once its own rows are committed.
 *
 * <p>When a statement is refused for its data (see {@code refusedForItsData}), each request of the group is
 * written alone, so that only the one at fault fails. Any other failure (the database unreachable) fails the
 * group and every request still queued: those have waited for it already, so an outage costs each request one
 * connection timeout at most.
 *
 * @param <T> what is written
 */
final class GroupCommit<T> {

    /** Writes items in one transaction and answers which positions were new. */
    @FunctionalInterface
    interface Writer<T> {
        BitSet write(List<T> items);
    }

    private final int maxItems;
    private final Writer<T> writer;
    private final Predicate<RuntimeException> refusedForItsData;
    private final Queue<Request<T>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();

    /**
     * @param maxItems          the most items one statement takes (a request is never split, so one larger
     *                          request still goes whole)
     * @param refusedForItsData whether a failure was caused by the items written rather than by the database
     */
    GroupCommit(int maxItems, Writer<T> writer, Predicate<RuntimeException> refusedForItsData) {
        this.maxItems = maxItems;
        this.writer = writer;
        this.refusedForItsData = refusedForItsData;
    }

    /**
     * Writes the items, possibly together with other callers' items, and answers which positions were new.
     * A failure may be the very exception another caller of the same group gets.
     */
    BitSet write(List<T> items) {
        Request<T> mine = new Request<>(items);
        queue.add(mine);
        turn.lock();
        try {
            while (!mine.done) {
                writeGroup();
            }
        } finally {
            turn.unlock();
        }
        if (mine.failure instanceof RuntimeException failure) {
            throw failure;
        }
        if (mine.failure instanceof Error error) {
            throw error;
        }
        return mine.stored;
    }

    /** Called holding the turn: takes the oldest waiting requests and writes them together. */
    private void writeGroup() {
        List<Request<T>> group = new ArrayList<>();
        List<T> items = new ArrayList<>();
        for (Request<T> next = queue.peek(); next != null && (group.isEmpty() || items.size() + next.items.size() <= maxItems);
             next = queue.peek()) {
            queue.remove();
            group.add(next);
            items.addAll(next.items);
        }
        try {
            try {
                succeed(group, writer.write(items));
            } catch (RuntimeException failure) {
                if (group.size() == 1 || !refusedForItsData.test(failure)) {
                    throw failure;
                }
                writeOneByOne(group);
            }
        } catch (Throwable failure) {
            // Whoever is taken off the queue is answered, whatever happened: a caller never waits in vain.
            group.forEach(request -> request.fail(failure));
            for (Request<T> waited = queue.poll(); waited != null; waited = queue.poll()) {
                waited.fail(failure);
            }
            if (failure instanceof Error error) {
                throw error;
            }
        }
    }

    private void writeOneByOne(List<Request<T>> group) {
        for (Request<T> request : group) {
            try {
                request.succeed(writer.write(request.items));
            } catch (RuntimeException failure) {
                if (!refusedForItsData.test(failure)) {
                    throw failure;
                }
                request.fail(failure);
            }
        }
    }

    private static <T> void succeed(List<Request<T>> group, BitSet stored) {
        int offset = 0;
        for (Request<T> request : group) {
            request.succeed(stored.get(offset, offset + request.items.size()));
            offset += request.items.size();
        }
    }

    /** One caller's items; its outcome is written by whichever caller holds the turn and read after the lock. */
    private static final class Request<T> {
        final List<T> items;
        boolean done;
        BitSet stored;
        Throwable failure;

        Request(List<T> items) {
            this.items = items;
        }

        void succeed(BitSet positions) {
            stored = positions;
            done = true;
        }

        void fail(Throwable cause) {
            if (!done) {
                failure = cause;
                done = true;
            }
        }
    }
}
