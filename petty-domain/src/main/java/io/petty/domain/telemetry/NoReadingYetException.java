package io.petty.domain.telemetry;

/** The collar is registered but has not reported anything yet. */
public class NoReadingYetException extends RuntimeException {

    public NoReadingYetException(String collarId) {
        super("collar " + collarId + " has not sent a reading yet");
    }
}
