package io.petty.domain.telemetry;

import java.util.Optional;

/** The collar's own coarse activity estimate, sent as a code. */
public enum ActivityLevel {
    RESTING(0), WALKING(1), PLAYING(2);

    private final int code;

    ActivityLevel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ActivityLevel> ofCode(int code) {
        for (ActivityLevel level : values()) {
            if (level.code == code) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
