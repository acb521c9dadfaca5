package io.petty.domain.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobRunTest {

    private static final Instant START = Instant.parse("2026-12-07T03:00:00Z");

    private static JobRun run(String status, Instant end, boolean latest) {
        return new JobRun(2, 1, "retention", status, status, START, START, end, Map.of(), Map.of(), latest);
    }

    @Test
    void onlyTheNewestExecutionOfAFailedOrStoppedInstanceIsRestartable() {
        assertTrue(run("FAILED", START, true).restartable());
        assertTrue(run("STOPPED", START, true).restartable());
        assertFalse(run("FAILED", START, false).restartable(), "a newer execution took over (a restart)");
        assertFalse(run("COMPLETED", START, true).restartable());
        assertFalse(run("STARTED", null, true).restartable());
    }

    @Test
    void aRunsDurationIsToItsEndOrToNowWhileItRuns() {
        assertEquals(Duration.ofSeconds(5), run("COMPLETED", START.plusSeconds(5), true).duration(START.plusSeconds(60)));
        assertEquals(Duration.ofSeconds(60), run("STARTED", null, true).duration(START.plusSeconds(60)));
        assertNull(new JobRun(2, 1, "retention", "STARTING", null, START, null, null, Map.of(), Map.of(), true)
                .duration(START));
    }
}
