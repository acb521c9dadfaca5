package io.petty.api.http;

import io.petty.domain.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseCircuitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final AtomicBoolean answers = new AtomicBoolean();
    private final AtomicInteger probes = new AtomicInteger();
    private final DatabaseCircuit circuit = new DatabaseCircuit(() -> {
        probes.incrementAndGet();
        return answers.get();
    }, 3, Duration.ofSeconds(5), clock);

    @Test
    void opensOnlyAfterFailuresInARow() {
        circuit.failed();
        circuit.failed();
        circuit.succeeded();
        circuit.failed();
        circuit.failed();
        assertFalse(circuit.isOpen(), "a success in between: not in a row");
        assertTrue(circuit.admits());

        circuit.failed();
        assertTrue(circuit.isOpen());
        assertFalse(circuit.admits(), "refused at once while open");
        assertEquals(Duration.ofSeconds(5), circuit.retryAfter());
        assertEquals(0, probes.get(), "no probe before the open period is over");
    }

    @Test
    void triesTheDatabaseAfterTheOpenPeriodAndClosesWhenItAnswers() {
        open();
        clock.advance(Duration.ofSeconds(5));
        assertFalse(circuit.admits(), "the database still does not answer");
        assertEquals(1, probes.get());
        assertTrue(circuit.isOpen());
        assertEquals(Duration.ofSeconds(5), circuit.retryAfter(), "open for another period");

        clock.advance(Duration.ofSeconds(4));
        assertFalse(circuit.admits());
        assertEquals(1, probes.get(), "one probe per period");
        assertEquals(Duration.ofSeconds(1), circuit.retryAfter());

        answers.set(true);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(circuit.admits(), "it answers: closed by itself");
        assertFalse(circuit.isOpen());
        circuit.failed();
        circuit.failed();
        assertFalse(circuit.isOpen(), "the failures before it closed do not count again");
    }

    @Test
    void failuresWhileOpenDoNotExtendIt() {
        open();
        clock.advance(Duration.ofSeconds(4));
        circuit.failed();
        circuit.failed();
        assertEquals(Duration.ofSeconds(1), circuit.retryAfter());
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            circuit.failed();
        }
        assertTrue(circuit.isOpen());
    }
}
