package io.petty.domain.identity;

import java.util.UUID;

/** A spent refresh token came back: someone holds a stolen copy. The whole login has been revoked. */
public class RefreshTokenReuseException extends InvalidCredentialsException {

    private final transient UUID familyId;
    private final transient UUID accountId;

    public RefreshTokenReuseException(UUID familyId, UUID accountId) {
        this.familyId = familyId;
        this.accountId = accountId;
    }

    public UUID familyId() {
        return familyId;
    }

    public UUID accountId() {
        return accountId;
    }
}
