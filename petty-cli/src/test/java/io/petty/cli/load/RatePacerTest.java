package io.petty.cli.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Time is bounded from below, which a busy machine cannot break (sleeps only get longer), except where a
 * refusal must come at once: there the bound is half a second against a wait of a whole one. */
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
        RatePacer pacer = new RatePacer(100);  // a batch of 100 readings per second
        long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();

        assertTrue(pacer.await(100, deadline));   // now
        long before = System.nanoTime();
        assertFalse(pacer.await(100, deadline));  // a second later: too late

        assertTrue(System.nanoTime() - before < Duration.ofMillis(500).toNanos(), "refused without waiting for its slot");
    }

    @Test
    void timeNobodyUsedIsNotMadeUpWithABurst() throws InterruptedException {
        RatePacer pacer = new RatePacer(1_000);
        assertTrue(pacer.await(100, System.nanoTime() + FAR));
        Thread.sleep(500);

        long afterIdle = System.nanoTime();
        assertTrue(pacer.await(100, afterIdle + FAR));
        assertTrue(pacer.await(100, afterIdle + FAR));

        assertAtLeast(Duration.ofMillis(100), System.nanoTime() - afterIdle);
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
