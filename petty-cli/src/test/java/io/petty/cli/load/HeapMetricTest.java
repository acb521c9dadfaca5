package io.petty.cli.load;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeapMetricTest {

    @Test
    void readsTheUsedHeapOutOfPrometheusText() {
        String metrics = """
                # HELP memory_usedHeap_bytes Displays the amount of used heap memory in bytes.
                # TYPE memory_usedHeap_bytes gauge
                memory_usedHeap_bytes_max{mp_scope="base",} 1.0E12
                memory_usedHeap_bytes{mp_scope="base",} 1.23456789E8
                memory_maxHeap_bytes{mp_scope="base",} 4.294967296E9
                """;
        assertEquals(OptionalLong.of(123_456_789), HeapMetric.usedHeapBytes(metrics));
        assertEquals(OptionalLong.of(42), HeapMetric.usedHeapBytes("memory_usedHeap_bytes 42\n"));
    }

    @Test
    void saysNothingWhenTheServerDoesNotReportIt() {
        assertEquals(OptionalLong.empty(), HeapMetric.usedHeapBytes("# no metrics here\ncpu_processCpuLoad 0.5\n"));
    }
}
