package io.petty.domain.jobs;

/** No job execution has this id. */
public class UnknownJobRunException extends RuntimeException {

    public UnknownJobRunException(long executionId) {
        super("no job run " + executionId);
    }
}
