package io.petty.domain.crypto;

/** Something encrypted could not be opened: a wrong key, or data that was tampered with. */
public class CryptoException extends RuntimeException {

    public CryptoException(String message) {
        super(message);
    }
}
