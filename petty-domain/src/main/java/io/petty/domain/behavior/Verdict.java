package io.petty.domain.behavior;

import java.util.Locale;
import java.util.Optional;

/** The owner's word on a detected event. */
public enum Verdict {
    CORRECT, INCORRECT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Verdict> ofCode(String code) {
        for (Verdict verdict : values()) {
            if (verdict.code().equals(code)) {
                return Optional.of(verdict);
            }
        }
        return Optional.empty();
    }
}
