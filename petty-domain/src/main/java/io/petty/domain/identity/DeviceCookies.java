package io.petty.domain.identity;

import io.petty.domain.crypto.Aead;
import io.petty.domain.secrets.SecretStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * OWASP's device cookies ("Slow Down Online Guessing Attacks with Device Cookies"): a client that has logged in to an
 * account is given a proof of it, and its later attempts at that account are throttled on their own. Whoever only
 * knows the e-mail cannot hold that client up, and has the same limits as before on every other attempt. A cookie is
 * a random device id and an HMAC of it with the account's email key, under a key from the secret store: nothing is
 * stored per device, and a cookie is good for its account only.
 */
public class DeviceCookies {

    static final String KEY_NAME = "login-device-cookies";
    private static final int ID_BYTES = 16;
    private static final int MAC_BYTES = 16;

    private final SecretStore secrets;

    public DeviceCookies(SecretStore secrets) {
        this.secrets = secrets;
    }

    /** A cookie for a client that has just logged in to the account, or the one it presented when still good. */
    public String issue(String emailKey, Optional<String> presentedDevice) {
        byte[] id = presentedDevice.map(HexFormat.of()::parseHex).orElseGet(() -> Aead.randomBytes(ID_BYTES));
        byte[] cookie = Arrays.copyOf(id, ID_BYTES + MAC_BYTES);
        System.arraycopy(mac(emailKey, id), 0, cookie, ID_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cookie);
    }

    /** The device id of a cookie issued for this account; empty for anything else (absent, forged, another's). */
    public Optional<String> device(String emailKey, String cookie) {
        if (cookie == null || cookie.length() > 64) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cookie);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != ID_BYTES + MAC_BYTES) {
            return Optional.empty();
        }
        byte[] id = Arrays.copyOf(bytes, ID_BYTES);
        boolean genuine = MessageDigest.isEqual(Arrays.copyOfRange(bytes, ID_BYTES, bytes.length), mac(emailKey, id));
        return genuine ? Optional.of(HexFormat.of().formatHex(id)) : Optional.empty();
    }

    private byte[] mac(String emailKey, byte[] id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.currentOrCreate(KEY_NAME, Aead::newKey), "HmacSHA256"));
            mac.update(emailKey.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(id), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
