package io.petty.domain.abuse;

import java.time.Instant;

/** The token buckets every server shares, so that N servers allow the configured rate, not N times it. */
public interface RateBuckets {

    /** What one take got: whole tokens, and what the bucket holds after it (a fraction when it got none). */
    record Grant(int granted, double tokensLeft) {
    }

    /**
     * Refills the bucket to {@code at}, then takes up to {@code wanted} whole tokens from it.
     *
     * @param key the endpoint class and principal the bucket belongs to
     */
    Grant take(String key, RateLimiter.Limit limit, int wanted, Instant at);

    /** Forgets the buckets that have refilled to their burst by {@code now}: they carry no information. */
    int forgetFull(Instant now);
}
