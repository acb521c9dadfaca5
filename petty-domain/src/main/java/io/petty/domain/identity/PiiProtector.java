package io.petty.domain.identity;

import io.petty.domain.crypto.Aead;
import io.petty.domain.secrets.SecretStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts personal data for storage (AES-256-GCM, bound to its column) and derives the keyed hash that
 * lets an account be found by email. Both keys live in the secret store, created on first use.
 */
public class PiiProtector {

    static final String ENCRYPTION_KEY = "pii-encryption";
    static final String LOOKUP_KEY = "pii-lookup";

    private final SecretStore secrets;

    public PiiProtector(SecretStore secrets) {
        this.secrets = secrets;
    }

    public byte[] seal(String value, String column) {
        return Aead.seal(encryptionKey(), value.getBytes(StandardCharsets.UTF_8), column.getBytes(StandardCharsets.UTF_8));
    }

    public String open(byte[] sealed, String column) {
        return new String(Aead.open(encryptionKey(), sealed, column.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    /** HMAC-SHA256 of the normalised email: equal emails give equal hashes, and nothing else can be read. */
    public byte[] emailLookup(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.currentOrCreate(LOOKUP_KEY, Aead::newKey), "HmacSHA256"));
            return mac.doFinal(EmailAddress.normalise(email).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private byte[] encryptionKey() {
        return secrets.currentOrCreate(ENCRYPTION_KEY, Aead::newKey);
    }
}
