package io.petty.domain.identity;

import java.time.Duration;
import java.util.Objects;

/**
 * @param issuer   the {@code iss} of every token and what verifiers expect
 * @param audience the {@code aud} of every token and what verifiers expect
 */
public record TokenSettings(String issuer, String audience, Duration accessLifetime, Duration refreshLifetime,
                            Duration deviceLifetime) {

    public TokenSettings {
        Objects.requireNonNull(issuer, "issuer is required.");
        Objects.requireNonNull(audience, "audience is required.");
    }

    /** The longest an access token signed now can stay valid: how long a retiring key must keep verifying. */
    public Duration longestAccessLifetime() {
        return accessLifetime.compareTo(deviceLifetime) >= 0 ? accessLifetime : deviceLifetime;
    }
}
