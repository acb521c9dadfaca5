package io.petty.domain.crypto;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 with 210,000 iterations (OWASP's 2023 figure) and a 128-bit salt, stored as
 * {@code pbkdf2-sha256$iterations$salt$hash} so that the cost can be raised later without breaking old hashes.
 */
public final class PasswordHasher {

    public static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final String SCHEME = "pbkdf2-sha256";
    /** Verified against when an account does not exist, so that the answer takes as long either way. */
    private static final String DECOY = hash(new char[] {'d', 'e', 'c', 'o', 'y'});

    private PasswordHasher() {
    }

    public static String hash(char[] password) {
        byte[] salt = Aead.randomBytes(SALT_BYTES);
        return SCHEME + "$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
    }

    /** Constant-time comparison; a {@code null} stored hash (no such account) costs the same as a real one. */
    public static boolean verify(char[] password, String stored) {
        String[] parts = (stored == null ? DECOY : stored).split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            byte[] actual = derive(password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
            return MessageDigest.isEqual(expected, actual) && stored != null;
        } catch (IllegalArgumentException malformed) {
            // NumberFormatException included: a damaged hash matches no password.
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
