package io.petty.api.correlation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceIdsTest {

    @Test
    void aWellFormedTraceparentGivesItsTraceId() {
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736",
                TraceIds.idFor("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "00-4bf92f3577b34da6a3ce929d0e0e4736\n-00f067aa0ba902b7-01"})
    void anythingElseGetsANewRandomTraceId(String traceparent) {
        String id = TraceIds.idFor(traceparent);
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertNotEquals("0".repeat(32), id);
        assertNotEquals(id, TraceIds.idFor(traceparent));
    }
}
