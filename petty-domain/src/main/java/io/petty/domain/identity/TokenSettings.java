package io.petty.domain.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * @param issuer    the {@code iss} of every token and what verifiers expect
 * @param audience  the {@code aud} of every token and what verifiers expect
 * @param clockSkew how long past its expiry MicroProfile JWT still accepts a token (server.xml's {@code clockSkew})
 */
public record TokenSettings(String issuer, String audience, Duration accessLifetime, Duration refreshLifetime,
                            Duration deviceLifetime, Duration clockSkew) {

    public TokenSettings {
        Objects.requireNonNull(issuer, "issuer is required.");
        Objects.requireNonNull(audience, "audience is required.");
        Objects.requireNonNull(clockSkew, "clockSkew is required.");
    }

    /** The longest an access token signed now can stay valid: how long a retiring key must keep verifying. */
    public Duration longestAccessLifetime() {
        return accessLifetime.compareTo(deviceLifetime) >= 0 ? accessLifetime : deviceLifetime;
    }

    /**
     * How long a revocation must be kept for a token that expires then: until the verifier's clock skew has passed
     * too, or a logged-out token would be accepted again in its last seconds.
     */
    public Instant revokedUntil(Instant tokenExpiresAt) {
        return tokenExpiresAt.plus(clockSkew);
    }

    /** How long a revocation of a login, or one learnt without its token's expiry, must be kept from now on. */
    public Duration revocationHorizon() {
        return longestAccessLifetime().plus(clockSkew);
    }
}
