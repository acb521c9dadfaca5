package io.petty.domain.jobs;

/** The run did not end in a state it can be restarted from (it completed, or is still running). */
public class JobNotRestartableException extends RuntimeException {

    public JobNotRestartableException(long executionId, String status) {
        super("job run " + executionId + " is " + status + ": only a FAILED or STOPPED run can be restarted");
    }
}
