package io.petty.domain.jobs;

import java.time.Instant;
import java.time.LocalDate;

/** Which server starts a nightly job on a given day: the first to claim it. */
public interface ScheduledRuns {

    /** @return whether this server claimed the day's run (false: another server, or this one, already did) */
    boolean claim(String job, LocalDate day, String server, Instant at);

    /** Records the execution the claimed run started. */
    void started(String job, LocalDate day, long executionId);

    /** Gives up a claim whose run could not be started, so that the next check (of any server) tries again. */
    void release(String job, LocalDate day);
}
