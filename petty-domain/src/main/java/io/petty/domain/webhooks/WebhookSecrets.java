package io.petty.domain.webhooks;

import io.petty.domain.crypto.Aead;
import io.petty.domain.secrets.SecretStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The endpoints' signing secrets sealed at rest: AES-GCM under a data key of the secret store, the endpoint's id as
 * associated data (a sealed secret copied to another endpoint does not open).
 */
@ApplicationScoped
public class WebhookSecrets {

    /** The secret store's data key that seals the endpoints' secrets. */
    static final String SEALING_KEY = "webhook-secrets";

    private final SecretStore secrets;

    @Inject
    public WebhookSecrets(SecretStore secrets) {
        this.secrets = secrets;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected WebhookSecrets() {
        this(null);
    }

    public byte[] seal(UUID endpointId, byte[] secret) {
        return Aead.seal(key(), secret, associated(endpointId));
    }

    public byte[] open(UUID endpointId, byte[] sealed) {
        return Aead.open(key(), sealed, associated(endpointId));
    }

    private byte[] key() {
        return secrets.currentOrCreate(SEALING_KEY, Aead::newKey);
    }

    private static byte[] associated(UUID endpointId) {
        return ByteBuffer.allocate(16).putLong(endpointId.getMostSignificantBits())
                .putLong(endpointId.getLeastSignificantBits()).array();
    }
}
