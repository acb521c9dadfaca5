package io.petty.api.telemetry;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
        IngestGate gate = new IngestGate(16, Optional.of(1));
        IngestGate.Permit large = gate.process(LARGE);

        gate.process(IngestGate.LARGE_BODY_BYTES).close();
        CompletableFuture<IngestGate.Permit> next = CompletableFuture.supplyAsync(() -> gate.process(LARGE));
        Thread.sleep(100);
        assertFalse(next.isDone(), "the second large body waits for the first");

        large.close();
        next.get(1, TimeUnit.SECONDS).close();
    }

    @Test
    void aLargeBodyWithoutATurnWithinTwoSecondsIsRefused() {
        IngestGate gate = new IngestGate(16, Optional.of(1));
        gate.process(LARGE);

        long start = System.nanoTime();
        ProblemException refused = assertThrows(ProblemException.class, () -> gate.process(LARGE));

        assertEquals(ProblemType.OVERLOADED, refused.type());
        assertTrue(System.nanoTime() - start >= 1_900_000_000L, "waited its 2 s");
    }
}
