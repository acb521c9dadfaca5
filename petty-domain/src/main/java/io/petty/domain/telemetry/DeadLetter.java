package io.petty.domain.telemetry;

import java.time.Instant;

/** A refused reading as an operator lists it: when it was refused, and what and why. */
public record DeadLetter(long id, Instant receivedAt, RejectedReading reading) {
}
