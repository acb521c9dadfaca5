package io.petty.domain.privacy;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** Export requests and their archives, in PostgreSQL (the archive a large object, streamed both ways). */
public interface ExportRequests {

    void add(ExportRequest request);

    void started(UUID id, long executionId);

    /** How far the job writing the archive is; visible at once, whatever becomes of the job. */
    void progressed(UUID id, Progress progress);

    Optional<ExportRequest> find(UUID id);

    /**
     * Writes the archive through {@code writer} into a new large object and records it, in one transaction: a run
     * killed half way leaves nothing behind, and the next run writes it whole.
     */
    void storeArchive(UUID id, Consumer<OutputStream> writer, Instant completedAt, Instant expiresAt);

    /** @return false when there is no archive (not written yet, or expired) */
    boolean readArchive(UUID id, OutputStream out);

    /** Unlinks the archives that expired before {@code now}; the requests stay as evidence. @return how many */
    int forgetExpired(Instant now);
}
