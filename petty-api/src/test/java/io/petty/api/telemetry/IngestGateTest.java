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
        IngestGate gate = new IngestGate(2, Optional.empty());
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
        IngestGate gate = new IngestGate(2, Optional.empty());
        gate.enter(LARGE);
        IngestGate.Permit undeclared = gate.enter(-1);  // no Content-Length: counted as large

        assertThrows(ProblemException.class, () -> gate.enter(LARGE));
        gate.enter(SMALL);
        gate.enter(SMALL);
        assertThrows(ProblemException.class, () -> gate.enter(SMALL));

        undeclared.close();
        gate.enter(LARGE);
    }

    @Test
    void limitsBelowOneAreAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new IngestGate(0, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new IngestGate(16, Optional.of(0)));
    }

    @Test
    void largeBodiesTakeTurnsWhileSmallOnesGoStraightThrough() throws Exception {
        IngestGate gate = new IngestGate(16, 1, Duration.ofSeconds(10));
        IngestGate.Permit large = gate.process(LARGE);

        gate.process(SMALL).close();
        FutureTask<IngestGate.Permit> next = new FutureTask<>(() -> gate.process(LARGE));
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
        IngestGate gate = new IngestGate(16, 1, Duration.ofMillis(200));
        gate.process(LARGE);

        long start = System.nanoTime();
        ProblemException refused = assertThrows(ProblemException.class, () -> gate.process(LARGE));

        assertEquals(ProblemType.OVERLOADED, refused.type());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(190).toNanos(), "it waited for a turn first");
    }
}
