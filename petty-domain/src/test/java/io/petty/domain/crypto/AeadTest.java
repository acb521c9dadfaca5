package io.petty.domain.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AeadTest {

    private static final byte[] PLAINTEXT = "Rex lives at 60.1699, 24.9384".getBytes(StandardCharsets.UTF_8);
    private static final byte[] COLUMN = "account.email".getBytes(StandardCharsets.UTF_8);

    private final byte[] key = Aead.newKey();

    @Test
    void opensWhatItSealedWithTheSameKeyAndAssociatedData() {
        byte[] sealed = Aead.seal(key, PLAINTEXT, COLUMN);

        assertArrayEquals(PLAINTEXT, Aead.open(key, sealed, COLUMN));
    }

    @Test
    void sealsAnEmptyPlaintextIntoNonceAndTagOnly() {
        byte[] sealed = Aead.seal(key, new byte[0], COLUMN);

        assertEquals(12 + 16, sealed.length);
        assertArrayEquals(new byte[0], Aead.open(key, sealed, COLUMN));
    }

    @Test
    void sealedFormIsNonceThenCiphertextThenTag() {
        assertEquals(12 + PLAINTEXT.length + 16, Aead.seal(key, PLAINTEXT, COLUMN).length);
    }

    @Test
    void twoSealsOfTheSamePlaintextDifferBecauseEachHasItsOwnNonce() {
        byte[] first = Aead.seal(key, PLAINTEXT, COLUMN);
        byte[] second = Aead.seal(key, PLAINTEXT, COLUMN);

        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(Arrays.copyOf(first, 12), Arrays.copyOf(second, 12)));
    }

    @Test
    void rejectsACiphertextOpenedWithAnotherKey() {
        byte[] sealed = Aead.seal(key, PLAINTEXT, COLUMN);

        assertThrows(CryptoException.class, () -> Aead.open(Aead.newKey(), sealed, COLUMN));
    }

    @Test
    void rejectsACiphertextWhoseAssociatedDataDiffers() {
        byte[] sealed = Aead.seal(key, PLAINTEXT, COLUMN);

        assertThrows(CryptoException.class,
                () -> Aead.open(key, sealed, "account.display_name".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CryptoException.class, () -> Aead.open(key, sealed, new byte[0]));
    }

    /** Positions in the nonce, the ciphertext body and the tag. */
    @ParameterizedTest
    @ValueSource(ints = {0, 11, 12, 20, -16, -1})
    void rejectsACiphertextWithOneFlippedBit(int position) {
        byte[] sealed = Aead.seal(key, PLAINTEXT, COLUMN);
        int index = position < 0 ? sealed.length + position : position;
        sealed[index] ^= 0x01;

        assertThrows(CryptoException.class, () -> Aead.open(key, sealed, COLUMN));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 12, 27, 28})
    void rejectsATruncatedCiphertext(int keptBytes) {
        byte[] sealed = Aead.seal(key, PLAINTEXT, COLUMN);

        assertThrows(CryptoException.class, () -> Aead.open(key, Arrays.copyOf(sealed, keptBytes), COLUMN));
    }

    @Test
    void rejectsACiphertextMissingItsLastByte() {
        byte[] sealed = Aead.seal(key, PLAINTEXT, COLUMN);

        assertThrows(CryptoException.class, () -> Aead.open(key, Arrays.copyOf(sealed, sealed.length - 1), COLUMN));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 24, 31, 33})
    void refusesKeysThatAreNot32Bytes(int length) {
        byte[] wrongKey = new byte[length];
        byte[] sealed = Aead.seal(key, PLAINTEXT, COLUMN);

        assertThrows(IllegalArgumentException.class, () -> Aead.seal(wrongKey, PLAINTEXT, COLUMN));
        assertThrows(IllegalArgumentException.class, () -> Aead.open(wrongKey, sealed, COLUMN));
    }

    @Test
    void newKeysAre32RandomBytes() {
        byte[] first = Aead.newKey();

        assertEquals(Aead.KEY_BYTES, first.length);
        assertFalse(Arrays.equals(first, Aead.newKey()));
    }
}
