package io.petty.domain.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The key that wraps every other key (envelope encryption). It never leaves memory and is never stored in
 * the database; in a real deployment it would come from a KMS.
 */
public final class MasterKey {

    private final byte[] key;

    public MasterKey(byte[] key) {
        if (key.length != Aead.KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be 32 bytes (256 bits)");
        }
        this.key = key.clone();
    }

    /** Wraps a data key for one purpose; {@code context} must be given again to unwrap it. */
    public byte[] wrap(byte[] dataKey, String context) {
        return Aead.seal(key, dataKey, context.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] unwrap(byte[] wrapped, String context) {
        return Aead.open(key, wrapped, context.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
