package io.petty.domain.privacy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A request to erase one data subject, and once done its record.
 *
 * @param subjectId named while the job runs; null once it completed (the record keeps nothing of the subject)
 * @param removed   the rows removed per table (collars unpaired), once completed; empty before
 * @param progress  the tables gone through so far by the job's last run; null before it began
 */
public record ErasureRequest(UUID id, UUID subjectId, UUID requestedBy, String reason, Instant requestedAt,
                             Long executionId, Map<String, Integer> removed, Instant completedAt,
                             Progress progress) {

    public ErasureRequest {
        removed = Map.copyOf(removed);
    }
}
