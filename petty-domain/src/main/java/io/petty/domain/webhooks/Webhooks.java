package io.petty.domain.webhooks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The stored endpoints. */
public interface Webhooks {

    /** Stores a new endpoint with its secret (sealed). */
    void add(WebhookEndpoint endpoint, byte[] secret);

    List<WebhookEndpoint> ofAccount(UUID accountId);

    Optional<WebhookEndpoint> find(UUID endpointId);

    /** @return whether there was one */
    boolean remove(UUID endpointId);
}
