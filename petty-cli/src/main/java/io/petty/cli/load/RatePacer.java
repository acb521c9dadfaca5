package io.petty.cli.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spreads batches evenly so that the fleet offers {@code rate} readings per second: each batch reserves the next
 * free slot. Time a slow server lost is not made up with a burst afterwards.
 */
final class RatePacer {

    private final double nanosPerReading;
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);

    /** @param readingsPerSecond the offered rate, or 0 for no pacing */
    RatePacer(double readingsPerSecond) {
        this.nanosPerReading = readingsPerSecond > 0 ? 1e9 / readingsPerSecond : 0;
    }

    /**
     * Waits for the slot of a batch of {@code readings}.
     *
     * @return false (at once) when that slot falls at or after the deadline: the batch is not to be sent
     */
    boolean await(int readings, long deadlineNanos) throws InterruptedException {
        if (nanosPerReading == 0) {
            return true;
        }
        long cost = Math.round(nanosPerReading * readings);
        long now = System.nanoTime();
        long slot;
        long current;
        do {
            current = nextSlot.get();
            slot = Math.max(current, now);
        } while (!nextSlot.compareAndSet(current, slot + cost));
        if (slot - deadlineNanos >= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.sleep(slot - System.nanoTime());
        return true;
    }
}
