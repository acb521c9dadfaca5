package io.petty.domain.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MasterKeyTest {

    private static final String CONTEXT = "petty-secret:pii-encryption:1";

    private final byte[] keyBytes = Aead.newKey();
    private final MasterKey masterKey = new MasterKey(keyBytes);
    private final byte[] dataKey = Aead.newKey();

    @Test
    void unwrapsWhatItWrappedForTheSameContext() {
        byte[] wrapped = masterKey.wrap(dataKey, CONTEXT);

        assertArrayEquals(dataKey, masterKey.unwrap(wrapped, CONTEXT));
    }

    @Test
    void refusesToUnwrapForAnotherContext() {
        byte[] wrapped = masterKey.wrap(dataKey, CONTEXT);

        assertThrows(CryptoException.class, () -> masterKey.unwrap(wrapped, "petty-secret:pii-encryption:2"));
    }

    @Test
    void anotherMasterKeyCannotUnwrap() {
        byte[] wrapped = masterKey.wrap(dataKey, CONTEXT);

        assertThrows(CryptoException.class, () -> new MasterKey(Aead.newKey()).unwrap(wrapped, CONTEXT));
    }

    @Test
    void changingTheCallersArrayAfterwardsDoesNotChangeTheKey() {
        byte[] wrapped = masterKey.wrap(dataKey, CONTEXT);
        Arrays.fill(keyBytes, (byte) 0);

        assertArrayEquals(dataKey, masterKey.unwrap(wrapped, CONTEXT));
    }

    @Test
    void toStringRevealsNothingOfTheKey() {
        String shown = masterKey.toString();

        assertEquals("MasterKey[redacted]", shown);
        assertFalse(shown.contains(Base64.getEncoder().encodeToString(keyBytes)));
        assertFalse(shown.toLowerCase().contains(HexFormat.of().formatHex(keyBytes)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33, 64})
    void refusesKeysThatAreNot32Bytes(int length) {
        assertThrows(IllegalArgumentException.class, () -> new MasterKey(new byte[length]));
    }
}
