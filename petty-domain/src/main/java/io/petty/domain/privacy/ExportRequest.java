package io.petty.domain.privacy;

import java.time.Instant;
import java.util.UUID;

/**
 * A request for one data subject's archive.
 *
 * @param executionId the {@code gdpr-export} job run writing it; null until started
 * @param completedAt when the archive was written; null before
 * @param expiresAt   after this it is deleted and can no longer be downloaded
 * @param progress    the files of the archive written so far by the job's last run; null before it began
 */
public record ExportRequest(UUID id, UUID subjectId, UUID requestedBy, String reason, Instant requestedAt,
                            Long executionId, String archiveSha256, Long archiveBytes, Instant completedAt,
                            Instant expiresAt, Progress progress) {

    /** Whether the archive can be downloaded at this moment. */
    public boolean downloadable(Instant now) {
        return completedAt != null && expiresAt != null && now.isBefore(expiresAt);
    }
}
