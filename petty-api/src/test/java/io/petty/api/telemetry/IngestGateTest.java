package io.petty.api.telemetry;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class IngestGateTest {

    private static final int LARGE = IngestGate.LARGE_BODY_BYTES + 1;
    private static final int SMALL = IngestGate.LARGE_BODY_BYTES;

    @Test
    void requestsBeyondTheLimitAreRefusedAtOnceWithRetryAfter() {
        IngestGate gate = new IngestGate(2, 1, 4, Duration.ofSeconds(2));
        IngestGate.Permit first = gate.enter(SMALL);
        gate.enter(SMALL);

        ProblemException refused = assertThrows(ProblemException.class, () -> gate.enter(SMALL));
        assertEquals(ProblemType.OVERLOADED, refused.type());
        assertEquals(Map.of("Retry-After", "1"), refused.headers());

        first.close();
        gate.enter(SMALL);
    }

    @Test
    void largeBodiesHaveTheirOwnPermitsSoSmallOnesStillGetIn() {
        IngestGate gate = new IngestGate(2, 2, 4, Duration.ofSeconds(2));
        gate.enter(LARGE);
        IngestGate.Permit second = gate.enter(LARGE);

        assertThrows(ProblemException.class, () -> gate.enter(LARGE));
        gate.enter(SMALL);
        gate.enter(SMALL);
        assertThrows(ProblemException.class, () -> gate.enter(SMALL));

        second.close();
        gate.enter(LARGE);
    }

    @Test
    void limitsBelowOneAreAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new IngestGate(0, Optional.empty(), 4, null));
        assertThrows(IllegalArgumentException.class, () -> new IngestGate(16, Optional.of(0), 4, null));
        assertThrows(IllegalArgumentException.class, () -> new IngestGate(16, Optional.empty(), 0, null));
    }

    @Test
    void largeBodiesTakeTurnsWhileSmallOnesGoStraightThrough() throws Exception {
        IngestGate gate = new IngestGate(16, 1, 4, Duration.ofSeconds(10));
        IngestGate.Permit large = gate.enter(LARGE);

        gate.enter(SMALL).close();
        FutureTask<IngestGate.Permit> next = new FutureTask<>(() -> gate.enter(LARGE));
        Thread waiting = new Thread(next);
        waiting.start();
        while (waiting.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        assertFalse(next.isDone(), "the second large body waits for the first");

        large.close();
        next.get(5, TimeUnit.SECONDS).close();
    }

    @Test
    void aLargeBodyWithoutATurnInTimeIsRefused() {
        IngestGate gate = new IngestGate(16, 1, 4, Duration.ofMillis(200));
        gate.enter(LARGE);

        long start = System.nanoTime();
        ProblemException refused = assertThrows(ProblemException.class, () -> gate.enter(LARGE));

        assertEquals(ProblemType.OVERLOADED, refused.type());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(190).toNanos(), "it waited for a turn first");
    }

    @Test
    void oneCollarHasOnlyItsShareInFlightAndOthersAreNotHeld() {
        IngestGate gate = new IngestGate(16, 1, 2, Duration.ofSeconds(2));
        IngestGate.Permit first = gate.claim("SN-1");
        gate.claim("SN-1");

        ProblemException refused = assertThrows(ProblemException.class, () -> gate.claim("SN-1"));
        assertEquals(ProblemType.RATE_LIMITED, refused.type());
        assertEquals(Map.of("Retry-After", "1"), refused.headers());
        gate.claim("SN-2").close();

        first.close();
        gate.claim("SN-1");
    }
}
