package io.petty.domain.identity;

import io.petty.domain.abuse.LoginThrottle;
import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Logins and their lifecycle as callers see them: password checks behind the login throttle, token issue,
 * refresh, logout, and an audit entry for each step.
 */
@Dependent
public class Sessions {

    private final AccountService accounts;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final PiiProtector pii;

    @Inject
    public Sessions(AccountService accounts, TokenService tokens, LoginThrottle throttle, AuditLog audit,
                    PiiProtector pii) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
        this.pii = pii;
    }

    /**
     * @param address the caller's network address, throttled separately from the email
     * @throws LoginThrottledException when this email or address has failed too often lately
     * @throws InvalidCredentialsException when the email or password is wrong (which one is not said)
     */
    public TokenPair login(String email, String password, String address) {
        // Keyed by a keyed hash of the email as typed: no plaintext email is held, and unknown emails
        // are throttled exactly like known ones.
        String emailKey = email == null ? "-" : HexFormat.of().formatHex(pii.emailLookup(email));
        String pseudonym = "email:" + emailKey.substring(0, Math.min(16, emailKey.length()));
        Optional<Duration> wait = throttle.waitBefore(emailKey, address);
        if (wait.isPresent()) {
            audit.record(AuditEvent.LOGIN_THROTTLED, null, pseudonym, "retry after " + wait.get().toSeconds() + " s");
            throw new LoginThrottledException(wait.get());
        }
        Optional<Account> account = accounts.authenticate(email, password);
        if (account.isEmpty()) {
            throttle.failed(emailKey, address);
            audit.record(AuditEvent.LOGIN_FAILED, null, pseudonym, "wrong email or password");
            throw new InvalidCredentialsException();
        }
        throttle.succeeded(emailKey);
        audit.record(AuditEvent.LOGIN_SUCCEEDED, account.get().id().toString(), account.get().id().toString(),
                "role " + account.get().role().group());
        return tokens.login(account.get());
    }

    public TokenPair refresh(String refreshToken) {
        try {
            TokenPair pair = tokens.refresh(refreshToken);
            audit.record(AuditEvent.TOKEN_REFRESHED, null, null, "refresh token rotated");
            return pair;
        } catch (RefreshTokenReuseException reuse) {
            audit.record(AuditEvent.REFRESH_REUSE_DETECTED, reuse.accountId().toString(),
                    reuse.accountId().toString(), "family " + reuse.familyId() + " revoked");
            throw reuse;
        }
    }

    public void logout(UUID accountId, UUID jti, UUID familyId, Instant accessTokenExpiresAt) {
        tokens.logout(jti, familyId, accessTokenExpiresAt);
        audit.record(AuditEvent.LOGGED_OUT, accountId.toString(), accountId.toString(), "family " + familyId + " revoked");
    }

    public TokenPair deviceToken(String collarId, String secret) {
        return tokens.deviceToken(collarId, secret);
    }
}
