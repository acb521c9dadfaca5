package io.petty.api.compliance;

import io.petty.domain.jobs.JobRun;
import io.petty.domain.privacy.ErasureRequest;
import io.petty.domain.privacy.Progress;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An erasure as whoever asked sees it: the job's status and, once completed, the rows removed per table. The subject
 * is named until it completes; the record keeps nothing of them after.
 *
 * @param progress the tables gone through so far by the job's last run, of all; absent before it began
 */
public record ErasureView(UUID id, UUID subjectId, String reason, String status, Instant requestedAt,
                          Instant completedAt, Progress progress, Map<String, Integer> removed) {

    static ErasureView of(ErasureRequest request, JobRun run) {
        return new ErasureView(request.id(), request.subjectId(), request.reason(),
                run == null ? "STARTING" : run.status(), request.requestedAt(), request.completedAt(),
                request.progress(), request.removed());
    }
}
