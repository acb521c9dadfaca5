package io.petty.domain.collars;

/** The collar is not registered with Petty, or is not one the caller may see. */
public class UnknownCollarException extends RuntimeException {

    private final String collarId;

    public UnknownCollarException(String collarId) {
        super("collar " + collarId + " is not registered");
        this.collarId = collarId;
    }

    public String collarId() {
        return collarId;
    }
}
