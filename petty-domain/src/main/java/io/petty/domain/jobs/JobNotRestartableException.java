package io.petty.domain.jobs;

/** The run cannot be restarted: it completed, is still running, or was restarted already. */
public class JobNotRestartableException extends RuntimeException {

    public JobNotRestartableException(long executionId, String status) {
        super("job run " + executionId + " is " + status + ": only the newest run of a failed or stopped job can be"
                + " restarted");
    }
}
