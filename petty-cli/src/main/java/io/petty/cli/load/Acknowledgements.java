package io.petty.cli.load;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;

/**
 * Which readings the server acknowledged, compactly: every collar's reading k is stamped {@code start + k ×
 * interval}, the start its own, so a set bit k per collar is enough to know its timestamp.
 */
public record Acknowledgements(Duration interval, Map<String, Collar> byCollar) {

    /** One collar's run: its clock at reading 0, and bit k set for each reading k the server acknowledged. */
    public record Collar(Instant start, BitSet acknowledged) {
    }

    public Acknowledgements {
        byCollar = Map.copyOf(byCollar);
    }

    public long count() {
        return byCollar.values().stream().mapToLong(collar -> collar.acknowledged().cardinality()).sum();
    }

    public Instant timestampOf(Collar collar, long index) {
        return collar.start().plusNanos(Math.multiplyExact(index, interval.toNanos()));
    }

    /** @return the number of the collar's reading stamped {@code timestamp}, or -1 when none of this run's was */
    public long indexOf(Collar collar, Instant timestamp) {
        long offset = Duration.between(collar.start(), timestamp).toNanos();
        return offset >= 0 && offset % interval.toNanos() == 0 ? offset / interval.toNanos() : -1;
    }
}
