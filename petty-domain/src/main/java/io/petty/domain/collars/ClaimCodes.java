package io.petty.domain.collars;

import io.petty.domain.crypto.Aead;
import io.petty.domain.identity.TokenService;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;

import java.util.List;
import java.util.Locale;

/**
 * The code printed on a collar that proves its owner holds it: 16 symbols of Crockford's base32 (80 random bits),
 * printed in groups of four, e.g. {@code 7K3M-QX9P-2HDV-R8TN}. Read forgivingly as people type it: any case, with or
 * without hyphens and spaces, O for 0 and I or L for 1. Stored only as a SHA-256 hash: 80 random bits cannot be
 * found from it, and pairing is rate-limited far below guessing speed.
 */
public final class ClaimCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int SYMBOLS = 16;
    private static final String FORMAT =
            "must be the 16 letters and digits printed on the collar, e.g. 7K3M-QX9P-2HDV-R8TN";

    private ClaimCodes() {
    }

    /** A new random code, grouped as printed. */
    public static String newCode() {
        byte[] random = Aead.randomBytes(SYMBOLS);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < SYMBOLS; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random[i] & 31));
        }
        return code.toString();
    }

    /**
     * The hash a code is stored and compared as.
     *
     * @throws InvalidInputException naming {@code field} when the value cannot be a claim code
     */
    public static byte[] hash(String code, String field) {
        if (code == null) {
            throw new InvalidInputException(List.of(new FieldViolation(field, "is required")));
        }
        StringBuilder symbols = new StringBuilder(SYMBOLS);
        for (char c : code.toUpperCase(Locale.ROOT).toCharArray()) {
            char symbol = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(symbol) >= 0) {
                symbols.append(symbol);
            } else if (c != '-' && c != ' ') {
                throw new InvalidInputException(List.of(new FieldViolation(field, FORMAT)));
            }
        }
        if (symbols.length() != SYMBOLS) {
            throw new InvalidInputException(List.of(new FieldViolation(field, FORMAT)));
        }
        return TokenService.hash(symbols.toString());
    }
}
