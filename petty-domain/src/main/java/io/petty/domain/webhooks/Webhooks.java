package io.petty.domain.webhooks;

import java.util.List;
import java.util.UUID;

/** The stored endpoints. */
public interface Webhooks {

    /**
     * Stores a new endpoint with its secret (sealed), unless its account has {@code limit} already; registrations
     * of one account are counted one after the other.
     *
     * @return false when the account has as many as it may
     */
    boolean add(WebhookEndpoint endpoint, byte[] secret, int limit);

    List<WebhookEndpoint> ofAccount(UUID accountId);

    /** @return whether the account had one of this id */
    boolean remove(UUID accountId, UUID endpointId);
}
