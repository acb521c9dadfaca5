package io.petty.domain.privacy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Erasure requests and the records they leave. */
public interface ErasureRequests {

    void add(ErasureRequest request);

    void started(UUID id, long executionId);

    /** How far the erasure is; visible at once, whatever becomes of the job. */
    void progressed(UUID id, Progress progress);

    Optional<ErasureRequest> find(UUID id);

    /** Records what went, and forgets whom it was about. */
    void completed(UUID id, Map<String, Integer> removed, Instant at);
}
