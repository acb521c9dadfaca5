package io.petty.domain.webhooks;

import java.util.List;
import java.util.UUID;

/** The stored endpoints. */
public interface Webhooks {

    /** Stores a new endpoint with its secret (sealed). */
    void add(WebhookEndpoint endpoint, byte[] secret);

    List<WebhookEndpoint> ofAccount(UUID accountId);

    /** @return whether the account had one of this id */
    boolean remove(UUID accountId, UUID endpointId);
}
