package io.petty.domain.privacy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Erasure requests and the records they leave. */
public interface ErasureRequests {

    void add(ErasureRequest request);

    void started(UUID id, long executionId);

    Optional<ErasureRequest> find(UUID id);

    /** Records what went, and forgets whom it was about. */
    void completed(UUID id, Map<String, Integer> removed, Instant at);
}
