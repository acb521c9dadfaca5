package io.petty.domain.idempotency;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers, per caller and key, the request's body hash and its first answer. A key is claimed before the
 * request runs, so two copies of it sent at once cannot both run.
 */
public interface IdempotencyStore {

    /** How long a first answer is given again. */
    Duration RETENTION = Duration.ofHours(24);

    /** A claim left unanswered this long belongs to a request that died (a crashed server); it may be retaken. */
    Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    /** What to do with a request that carries a key. */
    sealed interface Claim permits Claim.Run, Claim.Replay, Claim.InProgress, Claim.Conflict {

        /** First time (or the earlier attempt died): run it, then {@link #complete} or {@link #release}. */
        record Run() implements Claim {
        }

        /** Answered before: give that answer again. */
        record Replay(int status, String body) implements Claim {
        }

        /** The same key is being processed right now. */
        record InProgress() implements Claim {
        }

        /** The key was used before for a different body. */
        record Conflict() implements Claim {
        }
    }

    Claim claim(String principal, String key, byte[] requestHash);

    /** Keeps the answer of a claimed request. */
    void complete(String principal, String key, int status, String body);

    /** Gives up a claim whose request failed without an answer worth repeating, so a retry runs again. */
    void release(String principal, String key);

    /** @return how many keys first used before {@code cutoff} were forgotten */
    int purgeCreatedBefore(Instant cutoff);
}
