package io.petty.cli.load;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;

/**
 * Which readings the server acknowledged, compactly: every collar's reading k is stamped {@code start + k s},
 * so a set bit k per collar is enough to know its timestamp.
 */
public record Acknowledgements(Instant start, Map<String, BitSet> byCollar) {

    public Acknowledgements {
        byCollar = Map.copyOf(byCollar);
    }

    public long count() {
        return byCollar.values().stream().mapToLong(BitSet::cardinality).sum();
    }

    public Instant timestampOf(long index) {
        return start.plus(Duration.ofSeconds(index));
    }
}
