package io.petty.api.compliance;

import io.petty.domain.jobs.JobRun;
import io.petty.domain.privacy.ExportRequest;
import io.petty.domain.privacy.Progress;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * An export as whoever asked sees it: the job's status ({@code STARTING}, {@code STARTED}, {@code COMPLETED},
 * {@code FAILED} ...), and once written the archive's size, checksum and download link, until it expires.
 *
 * @param progress    the archive's files written so far by the job's last run, of all; absent before it began
 * @param downloadUrl absent until the archive can be downloaded, and after it expired
 */
public record ExportView(UUID id, UUID subjectId, String reason, String status, Instant requestedAt,
                         Instant completedAt, Instant expiresAt, Progress progress, Long bytes, String sha256,
                         URI downloadUrl) {

    static ExportView of(ExportRequest request, JobRun run, URI archive, Instant now) {
        boolean ready = request.downloadable(now);
        String status = run == null ? "STARTING" : run.status();
        return new ExportView(request.id(), request.subjectId(), request.reason(), status, request.requestedAt(),
                request.completedAt(), request.expiresAt(), request.progress(), request.archiveBytes(),
                request.archiveSha256(),
                ready ? archive : null);
    }
}
