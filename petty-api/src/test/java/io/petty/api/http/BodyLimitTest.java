package io.petty.api.http;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyLimitTest {

    /** A body that arrives {@code chunk} bytes at a time, {@code pause} apart. */
    private static InputStream trickling(byte[] body, int chunk, Duration pause) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.read(buffer, offset, Math.min(length, chunk));
            }
        };
    }

    private static byte[] read(InputStream body, long maxBytes, Duration deadline, long minRate) {
        return BodyLimit.readAll(new BodyLimit.Bounded(body, maxBytes, deadline, minRate));
    }

    @Test
    void aBodyInTimeIsReadWhole() {
        byte[] body = "{\"heart_rate\":72}".getBytes();
        assertArrayEquals(body, read(trickling(body, 4, Duration.ofMillis(5)), 1024, Duration.ofSeconds(5), 4096));
    }

    @Test
    void aBodyOverTheCapIs413() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> read(new ByteArrayInputStream(new byte[2048]), 1024, Duration.ofSeconds(5), 4096));
        assertEquals(ProblemType.BODY_TOO_LARGE, refused.type());
    }

    @Test
    void aBodyBelowTheMinimumRateAfterItsGraceIs408AndClosesTheConnection() {
        long started = System.nanoTime();
        ProblemException refused = assertThrows(ProblemException.class, () -> read(
                trickling(new byte[10_000], 10, Duration.ofMillis(250)), 1 << 20, Duration.ofSeconds(20), 100));
        assertEquals(ProblemType.BODY_TOO_SLOW, refused.type());
        assertEquals("close", refused.headers().get("Connection"));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertTrue(seconds >= BodyLimit.GRACE_SECONDS && seconds < 5, seconds + " s");
    }

    @Test
    void aBodyPastItsDeadlineIs408WhateverItsRate() {
        ProblemException refused = assertThrows(ProblemException.class, () -> read(
                trickling(new byte[100_000], 1000, Duration.ofMillis(100)), 1 << 20, Duration.ofMillis(500), 1));
        assertEquals(ProblemType.BODY_TOO_SLOW, refused.type());
    }
}
