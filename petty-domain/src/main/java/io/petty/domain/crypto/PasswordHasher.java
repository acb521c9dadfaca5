package io.petty.domain.crypto;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 with 600,000 iterations (OWASP's figure for SHA-256; 210,000 is its figure for SHA-512) and a
 * 128-bit salt, stored as {@code pbkdf2-sha256$iterations$salt$hash}, so that the cost can be raised without breaking
 * old hashes: those made with fewer iterations still verify, and {@link #isOutdated} says to hash them again.
 * Measured here: about 150-220 ms a hash on one core of the 2-core test machine.
 */
public final class PasswordHasher {

    public static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final String SCHEME = "pbkdf2-sha256";
    /** Verified against when an account does not exist, so that the answer takes as long either way. */
    private static final String DECOY = hash(new char[] {'d', 'e', 'c', 'o', 'y'});

    private PasswordHasher() {
    }

    public static String hash(char[] password) {
        return hash(password, ITERATIONS);
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

    /** Whether a stored hash (one that verified) was made with less than today's cost, and should be made again. */
    public static boolean isOutdated(String stored) {
        String[] parts = stored.split("\\$");
        try {
            return parts.length != 4 || !SCHEME.equals(parts[0]) || Integer.parseInt(parts[1]) < ITERATIONS;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** A hash at another cost than today's: how hashes stored before a raise look (for their tests). */
    public static String hash(char[] password, int iterations) {
        byte[] salt = Aead.randomBytes(SALT_BYTES);
        return SCHEME + "$" + iterations + "$" + b64(salt) + "$" + b64(derive(password, salt, iterations));
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
