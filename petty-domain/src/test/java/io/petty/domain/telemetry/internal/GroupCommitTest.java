package io.petty.domain.telemetry.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
        Future<BitSet> first = call(commit, List.of("new-a"));
        awaitStatements(1);
        Future<BitSet> second = call(commit, List.of("old-b", "new-b"));
        awaitWaiting(1);
        Future<BitSet> third = call(commit, List.of("new-c", "old-c"));
        awaitWaiting(2);

        firstWriteMayEnd.countDown();

        assertEquals(BitSet.valueOf(new long[] {0b1}), first.get());
        assertEquals(BitSet.valueOf(new long[] {0b10}), second.get());
        assertEquals(BitSet.valueOf(new long[] {0b01}), third.get());
        assertEquals(List.of(List.of("new-a"), List.of("old-b", "new-b", "new-c", "old-c")), statements);
    }

    @Test
    void aStatementTakesNoMoreThanTheLimitButNeverSplitsARequest() throws Exception {
        GroupCommit<String> commit = new GroupCommit<>(2, this::store, GroupCommitTest::refusedForItsData);
        Future<BitSet> first = call(commit, List.of("new-a"));
        awaitStatements(1);
        Future<BitSet> second = call(commit, List.of("new-b"));
        awaitWaiting(1);
        Future<BitSet> third = call(commit, List.of("new-c1", "new-c2", "new-c3"));
        awaitWaiting(2);

        firstWriteMayEnd.countDown();
        first.get();
        second.get();
        assertEquals(3, third.get().cardinality());

        assertEquals(List.of(List.of("new-a"), List.of("new-b"), List.of("new-c1", "new-c2", "new-c3")), statements);
    }

    @Test
    void aFailedStatementFailsItsGroupAndWhoeverWaitedForItWithoutAnotherAttempt() throws Exception {
        IllegalStateException unreachable = new IllegalStateException("database unreachable");
        GroupCommit<String> commit = new GroupCommit<>(100, items -> {
            store(items);
            throw unreachable;
        }, GroupCommitTest::refusedForItsData);
        Future<BitSet> first = call(commit, List.of("new-a"));
        awaitStatements(1);
        Future<BitSet> queued = call(commit, List.of("new-b"));
        awaitWaiting(1);

        firstWriteMayEnd.countDown();

        assertSame(unreachable, failureOf(first));
        assertSame(unreachable, failureOf(queued));
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
        Future<BitSet> first = call(commit, List.of("new-a"));
        awaitStatements(1);
        Future<BitSet> faulty = call(commit, List.of("bad"));
        awaitWaiting(1);
        Future<BitSet> innocent = call(commit, List.of("new-c"));
        awaitWaiting(2);

        firstWriteMayEnd.countDown();

        assertEquals(1, first.get().cardinality());
        assertEquals("refused for its data", failureOf(faulty).getMessage());
        assertEquals(1, innocent.get().cardinality());
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
        Future<BitSet> first = call(commit, List.of("new-a"));
        awaitStatements(1);
        Future<BitSet> queued = call(commit, List.of("new-b"));
        awaitWaiting(1);

        firstWriteMayEnd.countDown();

        assertEquals(OutOfMemoryError.class, failureOf(first).getClass());
        assertEquals(OutOfMemoryError.class, failureOf(queued).getClass());
        assertEquals(new BitSet(), commit.write(List.of("old-later")));
    }

    private static boolean refusedForItsData(RuntimeException failure) {
        return failure instanceof IllegalArgumentException;
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
