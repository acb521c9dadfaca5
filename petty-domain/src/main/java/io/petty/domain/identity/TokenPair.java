package io.petty.domain.identity;

/** What a login or a refresh returns. {@code refreshToken} is null for a collar's device token. */
public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds) {

    @Override
    public String toString() {
        return "TokenPair[redacted]";
    }
}
