package io.petty.cli.load;

import java.util.OptionalLong;

/** The used heap out of MicroProfile Metrics' Prometheus text ({@code GET /metrics?scope=base}). */
final class HeapMetric {

    static final String NAME = "memory_usedHeap_bytes";

    private HeapMetric() {
    }

    /** @return the value of {@code memory_usedHeap_bytes{...} 1.2345E8}, empty when the text has none */
    static OptionalLong usedHeapBytes(String prometheus) {
        return prometheus.lines()
                .filter(line -> line.startsWith(NAME) && line.length() > NAME.length()
                        && (line.charAt(NAME.length()) == '{' || line.charAt(NAME.length()) == ' '))
                .map(line -> line.substring(Math.max(line.indexOf('}') + 1, NAME.length())).trim().split("\\s+")[0])
                .mapToLong(value -> (long) Double.parseDouble(value))
                .findFirst();
    }
}
