package io.petty.domain.telemetry.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for small writes. Collars mostly send one reading per request, thousands of times a second, and
 * each statement and commit costs PostgreSQL far more than each row. So one request at a time writes: it takes
 * every request waiting at that moment along into one statement, while requests arriving meanwhile queue up for
 * the next one. Nobody waits for a timer, and each caller still returns only once its own rows are committed.
 *
 * <p>A failed statement fails its whole group, and also every request that queued while it was failing: those
 * have waited for it already, so an unreachable database costs each request one connection timeout at most.
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
    private final Queue<Request<T>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();

    /**
     * @param maxItems the most items one statement takes (a request is never split, so one larger request
     *                 still goes whole)
     */
    GroupCommit(int maxItems, Writer<T> writer) {
        this.maxItems = maxItems;
        this.writer = writer;
    }

    /** Writes the items, possibly together with other callers' items, and answers which positions were new. */
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
        if (mine.failure != null) {
            throw mine.failure;
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
        BitSet stored;
        try {
            stored = writer.write(items);
        } catch (RuntimeException failure) {
            group.forEach(request -> request.fail(failure));
            for (Request<T> waited = queue.poll(); waited != null; waited = queue.poll()) {
                waited.fail(failure);
            }
            return;
        }
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
        RuntimeException failure;

        Request(List<T> items) {
            this.items = items;
        }

        void succeed(BitSet positions) {
            stored = positions;
            done = true;
        }

        void fail(RuntimeException cause) {
            failure = cause;
            done = true;
        }
    }
}
