package io.petty.domain.telemetry;

/** A collar's token was used to send a reading of another collar. */
public class CollarMismatchException extends RuntimeException {

    private final String tokenCollarId;

    public CollarMismatchException(String tokenCollarId) {
        super("the token belongs to collar " + tokenCollarId);
        this.tokenCollarId = tokenCollarId;
    }

    public String tokenCollarId() {
        return tokenCollarId;
    }
}
