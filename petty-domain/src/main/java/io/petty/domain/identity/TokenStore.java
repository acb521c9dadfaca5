package io.petty.domain.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens (by hash), revocations, and collar credentials. */
public interface TokenStore {

    /** The login a refresh token belongs to, with what every token of it carries. */
    record Grant(UUID familyId, UUID accountId, List<String> groups, String scope) {
    }

    /** What presenting a refresh token came to. {@code grant} is null when it was {@link Outcome#INVALID}. */
    record Rotation(Outcome outcome, Grant grant) {
    }

    enum Outcome { ROTATED, REUSED, INVALID }

    void saveRefresh(byte[] tokenHash, Grant grant, Instant expiresAt);

    /**
     * Spends an active refresh token and saves its successor, in one transaction. A token presented again
     * after it was spent revokes its whole family (RFC 9700 reuse detection): its refresh tokens, and its
     * access tokens until {@code familyRevocationUntil}.
     */
    Rotation rotate(byte[] presentedHash, byte[] successorHash, Instant successorExpiresAt, Instant now,
                    Instant familyRevocationUntil);

    /** Revokes one access token until it would have expired anyway. */
    void revokeAccessToken(UUID jti, Instant expiresAt);

    /** Revokes a login: its refresh tokens and every access token issued from it. */
    /**
     * Revokes every login of the account that can still be refreshed, but the one kept (null: none kept).
     *
     * @return the logins revoked
     */
    List<UUID> revokeLogins(UUID accountId, UUID kept, Instant accessTokensValidUntil);

    void revokeFamily(UUID familyId, Instant accessTokensValidUntil);

    /** Deletes refresh tokens and revocations that expired before {@code now}. @return rows deleted */
    int purgeExpired(Instant now);

    /** The collar's device-credential hash, when it is paired. */
    Optional<byte[]> collarSecretHash(String collarId);
}
