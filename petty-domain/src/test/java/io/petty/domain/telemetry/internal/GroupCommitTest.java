package io.petty.domain.telemetry.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class GroupCommitTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
    private final List<List<String>> statements = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        firstWriteMayEnd.countDown();
        callers.shutdownNow();
    }

    /** Stores items named "new…"; the first statement waits until the test lets it end. */
    private BitSet store(List<String> items) {
        statements.add(List.copyOf(items));
        if (statements.size() == 1) {
            awaitQuietly(firstWriteMayEnd);
        }
        BitSet stored = new BitSet();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).startsWith("new")) {
                stored.set(i);
            }
        }
        return stored;
    }

    @Test
    void requestsArrivingDuringAWriteGoTogetherInTheNextAndEachGetsItsOwnPositions() throws Exception {
        GroupCommit<String> commit = new GroupCommit<>(100, this::store, GroupCommitTest::refusedForItsData);
        List<Future<BitSet>> calls = whileTheFirstIsWritten(commit, List.of("new-a"), List.of("old-b", "new-b"),
                List.of("new-c", "old-c"));

        firstWriteMayEnd.countDown();

        assertEquals(BitSet.valueOf(new long[] {0b1}), calls.get(0).get());
        assertEquals(BitSet.valueOf(new long[] {0b10}), calls.get(1).get());
        assertEquals(BitSet.valueOf(new long[] {0b01}), calls.get(2).get());
        assertEquals(List.of(List.of("new-a"), List.of("old-b", "new-b", "new-c", "old-c")), statements);
    }

    @Test
    void aStatementTakesNoMoreThanTheLimitButNeverSplitsARequest() throws Exception {
        GroupCommit<String> commit = new GroupCommit<>(2, this::store, GroupCommitTest::refusedForItsData);
        List<Future<BitSet>> calls = whileTheFirstIsWritten(commit, List.of("new-a"), List.of("new-b"),
                List.of("new-c1", "new-c2", "new-c3"));

        firstWriteMayEnd.countDown();
        calls.get(0).get();
        calls.get(1).get();
        assertEquals(3, calls.get(2).get().cardinality());

        assertEquals(List.of(List.of("new-a"), List.of("new-b"), List.of("new-c1", "new-c2", "new-c3")), statements);
    }

    @Test
    void aFailedStatementFailsItsGroupAndWhoeverWaitedForItWithoutAnotherAttempt() throws Exception {
        IllegalStateException unreachable = new IllegalStateException("database unreachable");
        GroupCommit<String> commit = new GroupCommit<>(100, items -> {
            store(items);
            throw unreachable;
        }, GroupCommitTest::refusedForItsData);
        List<Future<BitSet>> calls = whileTheFirstIsWritten(commit, List.of("new-a"), List.of("new-b"));

        firstWriteMayEnd.countDown();

        assertSame(unreachable, failureOf(calls.get(0)));
        assertSame(unreachable, failureOf(calls.get(1)));
        assertEquals(1, statements.size(), "the request that waited for the failed statement was not tried again");

        assertThrows(IllegalStateException.class, () -> commit.write(List.of("new-later")));
        assertEquals(2, statements.size(), "a request arriving afterwards gets its own attempt");
    }

    @Test
    void whenTheDataIsRefusedEachRequestIsWrittenAloneAndOnlyTheOneAtFaultFails() throws Exception {
        GroupCommit<String> commit = new GroupCommit<>(100, items -> {
            BitSet stored = store(items);
            if (items.contains("bad")) {
                throw new IllegalArgumentException("refused for its data");
            }
            return stored;
        }, GroupCommitTest::refusedForItsData);
        List<Future<BitSet>> calls = whileTheFirstIsWritten(commit, List.of("new-a"), List.of("bad"), List.of("new-c"));

        firstWriteMayEnd.countDown();

        assertEquals(1, calls.get(0).get().cardinality());
        assertEquals("refused for its data", failureOf(calls.get(1)).getMessage());
        assertEquals(1, calls.get(2).get().cardinality());
        assertEquals(List.of(List.of("new-a"), List.of("bad", "new-c"), List.of("bad"), List.of("new-c")), statements);
    }

    @Test
    void anErrorStillAnswersEveryoneTakenOffTheQueueAndTheNextRequestIsWritten() throws Exception {
        GroupCommit<String> commit = new GroupCommit<>(100, items -> {
            store(items);
            if (statements.size() == 1) {
                throw new OutOfMemoryError("simulated");
            }
            return new BitSet();
        }, GroupCommitTest::refusedForItsData);
        List<Future<BitSet>> calls = whileTheFirstIsWritten(commit, List.of("new-a"), List.of("new-b"));

        firstWriteMayEnd.countDown();

        assertEquals(OutOfMemoryError.class, failureOf(calls.get(0)).getClass());
        assertEquals(OutOfMemoryError.class, failureOf(calls.get(1)).getClass());
        assertEquals(new BitSet(), commit.write(List.of("old-later")));
    }

    private static boolean refusedForItsData(RuntimeException failure) {
        return failure instanceof IllegalArgumentException;
    }

    /** Starts the first request, whose statement then waits, and queues the others behind it in this order. */
    @SafeVarargs
    private List<Future<BitSet>> whileTheFirstIsWritten(GroupCommit<String> commit, List<String>... requests)
            throws InterruptedException {
        List<Future<BitSet>> calls = new ArrayList<>();
        calls.add(call(commit, requests[0]));
        awaitStatements(1);
        for (int queued = 1; queued < requests.length; queued++) {
            calls.add(call(commit, requests[queued]));
            awaitWaiting(queued);
        }
        return calls;
    }

    private Future<BitSet> call(GroupCommit<String> commit, List<String> items) {
        return callers.submit(() -> {
            threads.add(Thread.currentThread());
            return commit.write(items);
        });
    }

    private void awaitStatements(int count) throws InterruptedException {
        while (statements.size() < count) {
            Thread.sleep(1);
        }
    }

    /** Waits until this many callers are parked on the turn, so the order of arrival is certain. */
    private void awaitWaiting(int count) throws InterruptedException {
        while (threads.stream().filter(thread -> thread.getState() == Thread.State.WAITING).count() < count + 1) {
            Thread.sleep(1);
        }
    }

    private static Throwable failureOf(Future<BitSet> call) {
        return assertThrows(ExecutionException.class, call::get).getCause();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
