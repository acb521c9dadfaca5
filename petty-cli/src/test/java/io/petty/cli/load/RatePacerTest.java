package io.petty.cli.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only lower bounds on time are asserted: a busy machine makes sleeps longer, never shorter. */
@Timeout(10)
class RatePacerTest {

    private static final long FAR = Long.MAX_VALUE / 2;

    @Test
    void batchesAreSpacedByTheirShareOfTheRate() throws InterruptedException {
        RatePacer pacer = new RatePacer(1_000);  // a batch of 100 readings per 100 ms
        long start = System.nanoTime();

        for (int batch = 0; batch < 5; batch++) {
            assertTrue(pacer.await(100, start + FAR));
        }

        assertAtLeast(Duration.ofMillis(400), System.nanoTime() - start);
    }

    @Test
    void aBatchWhoseSlotFallsAfterTheDeadlineIsNotSentAndDoesNotWait() throws InterruptedException {
        RatePacer pacer = new RatePacer(1_000);
        long start = System.nanoTime();
        long deadline = start + Duration.ofMillis(250).toNanos();

        assertTrue(pacer.await(100, deadline));   // slot 0 ms
        assertTrue(pacer.await(100, deadline));   // 100 ms
        assertTrue(pacer.await(100, deadline));   // 200 ms
        long before = System.nanoTime();
        assertFalse(pacer.await(100, deadline));  // 300 ms: too late

        assertTrue(System.nanoTime() - before < Duration.ofMillis(90).toNanos(), "refused without waiting for the slot");
    }

    @Test
    void timeNobodyUsedIsNotMadeUpWithABurst() throws InterruptedException {
        RatePacer pacer = new RatePacer(1_000);
        pacer.await(100, FAR);
        Thread.sleep(500);

        pacer.await(100, FAR);
        long afterIdle = System.nanoTime();
        pacer.await(100, FAR);

        assertAtLeast(Duration.ofMillis(95), System.nanoTime() - afterIdle);
    }

    @Test
    void withoutARateNothingWaits() throws InterruptedException {
        RatePacer pacer = new RatePacer(0);
        for (int batch = 0; batch < 1_000; batch++) {
            assertTrue(pacer.await(1_000, System.nanoTime()));
        }
    }

    private static void assertAtLeast(Duration expected, long elapsedNanos) {
        assertTrue(elapsedNanos >= expected.toNanos() - Duration.ofMillis(2).toNanos(),
                "took " + Duration.ofNanos(elapsedNanos).toMillis() + " ms, expected at least " + expected.toMillis());
    }
}
