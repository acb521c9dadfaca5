package io.petty.domain.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every hash or verify costs about 0.2 s, so one stored hash serves most tests. */
class PasswordHasherTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String STORED = PasswordHasher.hash(PASSWORD.toCharArray());

    @Test
    void hashIsSchemeIterationsSaltAndHash() {
        String[] parts = STORED.split("\\$");

        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("600000", parts[1], "OWASP's figure for PBKDF2-HMAC-SHA256");
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
    }

    @Test
    void verifiesTheRightPassword() {
        assertTrue(PasswordHasher.verify(PASSWORD.toCharArray(), STORED));
    }

    @Test
    void rejectsAWrongPassword() {
        assertFalse(PasswordHasher.verify("correct horse battery stapl".toCharArray(), STORED));
    }

    @Test
    void rejectsEveryPasswordWhenThereIsNoStoredHashEvenTheDecoysOwn() {
        assertFalse(PasswordHasher.verify("decoy".toCharArray(), null));
    }

    @Test
    void twoHashesOfTheSamePasswordDifferBySalt() {
        String again = PasswordHasher.hash(PASSWORD.toCharArray());

        assertNotEquals(STORED.split("\\$")[2], again.split("\\$")[2]);
        assertNotEquals(STORED, again);
    }

    @Test
    void verifiesAHashMadeWithTheIterationCountItNames() throws Exception {
        byte[] salt = Aead.randomBytes(16);
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, 1_000, 256)).getEncoded();
        String older = "pbkdf2-sha256$1000$" + unpadded(salt) + "$" + unpadded(derived);

        assertTrue(PasswordHasher.verify(PASSWORD.toCharArray(), older));
    }

    @Test
    void rejectsAStoredHashOfAnotherSchemeOrShape() {
        assertFalse(PasswordHasher.verify(PASSWORD.toCharArray(), STORED.replace("pbkdf2-sha256", "pbkdf2-sha1")));
        assertFalse(PasswordHasher.verify(PASSWORD.toCharArray(), "$2b$12$abcdefghijklmnopqrstuv"));
        assertFalse(PasswordHasher.verify(PASSWORD.toCharArray(), ""));
    }

    private static String unpadded(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void aDamagedStoredHashMatchesNoPassword() {
        assertFalse(PasswordHasher.verify("anything at all".toCharArray(), "pbkdf2-sha256$many$AAAA$AAAA"));
        assertFalse(PasswordHasher.verify("anything at all".toCharArray(), "pbkdf2-sha256$1000$not base64!$AAAA"));
    }

    @Test
    void aHashMadeAtLessThanTodaysCostStillVerifiesAndIsOutdated() {
        String old = PasswordHasher.hash(PASSWORD.toCharArray(), 210_000);
        assertTrue(PasswordHasher.verify(PASSWORD.toCharArray(), old));
        assertTrue(PasswordHasher.isOutdated(old));
        assertFalse(PasswordHasher.isOutdated(STORED));
        assertTrue(PasswordHasher.isOutdated("bcrypt$whatever"));
    }
}
