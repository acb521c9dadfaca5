package io.petty.domain.collars;

/** The collar is not registered with Petty, or is not one the caller may see. */
public class UnknownCollarException extends RuntimeException {

    private final String collarId;

    public UnknownCollarException(String collarId) {
        this(collarId, "No collar " + collarId + " is registered.");
    }

    private UnknownCollarException(String collarId, String detail) {
        super(detail);
        this.collarId = collarId;
    }

    /** No collar has this serial and claim code; which of the two is wrong is not said. */
    public static UnknownCollarException notClaimable(String collarId) {
        return new UnknownCollarException(collarId, "No collar " + collarId + " has this claim code.");
    }

    public String collarId() {
        return collarId;
    }
}
