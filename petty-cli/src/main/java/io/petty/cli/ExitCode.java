package io.petty.cli;

/** What {@code petty} exits with, so scripts can tell failures apart. */
public final class ExitCode {

    public static final int OK = 0;
    /** The command ran and found something wrong (e.g. migrations pending). */
    public static final int CHECK_FAILED = 1;
    /** The command line itself was wrong. */
    public static final int USAGE = 2;
    /** A dependency such as the database could not be reached. */
    public static final int UNAVAILABLE = 3;

    private ExitCode() {
    }
}
