package io.petty.domain.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One execution of a job as the job repository records it.
 *
 * @param status     the batch status: STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED
 * @param exitStatus what the job said about its outcome (the retention job: what it removed)
 * @param counts     the steps' metrics summed by name (read, write, skip, commit, ...); empty for a task step
 * @param parameters what it was started with
 * @param latest     whether it is its instance's newest execution: only that one can be restarted
 */
public record JobRun(long executionId, long instanceId, String job, String status, String exitStatus,
                     Instant createdAt, Instant startedAt, Instant endedAt, Map<String, Long> counts,
                     Map<String, String> parameters, boolean latest) {

    public JobRun {
        counts = Map.copyOf(counts);
        parameters = Map.copyOf(parameters);
    }

    /** From start to end, or to now while it runs; null before it started. */
    public Duration duration(Instant now) {
        return startedAt == null ? null : Duration.between(startedAt, endedAt == null ? now : endedAt);
    }

    /**
     * Whether the batch container can restart it from its last checkpoint: it ended FAILED or STOPPED (a server killed
     * mid-run leaves it FAILED when it starts again), and no newer execution of its instance took over.
     */
    public boolean restartable() {
        return latest && ("FAILED".equals(status) || "STOPPED".equals(status));
    }
}
