package io.petty.domain.telemetry;

import io.petty.domain.validation.FieldViolation;

import java.util.List;

/**
 * A reading the server refused, as it is kept in the dead-letter table.
 *
 * @param collarId the collar the sender's token speaks for (the reading's own may be what is broken)
 * @param index    its position in a batch; {@code null} for a single reading
 * @param payload  the reading's JSON as sent, cut to {@value #MAX_PAYLOAD_CHARS} characters
 */
public record RejectedReading(String collarId, String requestId, Integer index, List<FieldViolation> errors,
                              String payload) {

    /** Enough to see what was wrong with a reading; a whole motion window is seldom needed for that. */
    public static final int MAX_PAYLOAD_CHARS = 4096;

    public RejectedReading {
        errors = List.copyOf(errors);
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            payload = payload.substring(0, MAX_PAYLOAD_CHARS);
        }
    }
}
