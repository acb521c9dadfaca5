package io.petty.domain.identity;

import io.petty.domain.abuse.LoginThrottle;
import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import io.petty.domain.platform.DatabaseException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logins and their lifecycle as callers see them: password checks behind the login throttle, token issue,
 * refresh, logout, and an audit entry for each step.
 */
@Dependent
public class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class.getName());

    private final AccountService accounts;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final PiiProtector pii;
    private final RevocationList revocations;

    @Inject
    public Sessions(AccountService accounts, TokenService tokens, LoginThrottle throttle, AuditLog audit,
                    PiiProtector pii, RevocationList revocations) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
        this.pii = pii;
        this.revocations = revocations;
    }

    /**
     * @param address the caller's network address, throttled separately from the email
     * @throws LoginThrottledException when this email or address has failed too often lately
     * @throws InvalidCredentialsException when the email or password is wrong (which one is not said)
     */
    public TokenPair login(String email, String password, String address) {
        // Keyed by a keyed hash of the normalised email: no plaintext email is held, and unknown emails
        // are throttled exactly like known ones.
        String emailKey = email == null ? "-" : HexFormat.of().formatHex(pii.emailLookup(email));
        String pseudonym = "email:" + emailKey.substring(0, Math.min(16, emailKey.length()));
        Optional<Duration> wait = throttle.tryAttempt(emailKey, address);
        if (wait.isPresent()) {
            audit.record(AuditEvent.LOGIN_THROTTLED, null, pseudonym, "retry after " + wait.get().toSeconds() + " s");
            throw new LoginThrottledException(wait.get());
        }
        Optional<Account> account = accounts.authenticate(email, password);
        if (account.isEmpty()) {
            audit.record(AuditEvent.LOGIN_FAILED, null, pseudonym, "wrong email or password");
            throw new InvalidCredentialsException();
        }
        throttle.succeeded(emailKey, address);
        audit.record(AuditEvent.LOGIN_SUCCEEDED, account.get().id().toString(), account.get().id().toString(),
                "role " + account.get().role().group());
        return tokens.login(account.get());
    }

    public TokenPair refresh(String refreshToken) {
        TokenPair pair;
        try {
            pair = tokens.refresh(refreshToken);
        } catch (RefreshTokenReuseException reuse) {
            revocations.revokeFamily(reuse.familyId());
            audit.record(AuditEvent.REFRESH_REUSE_DETECTED, reuse.accountId().toString(),
                    reuse.accountId().toString(), "family " + reuse.familyId() + " revoked");
            throw reuse;
        }
        try {
            audit.record(AuditEvent.TOKEN_REFRESHED, null, null, "refresh token rotated");
        } catch (DatabaseException e) {
            // The old token is spent already: failing now would make the client retry it, which looks like
            // reuse and would end the login. A missing routine entry is the lesser harm; it is logged.
            LOG.log(Level.WARNING, "Could not audit a refresh: " + e.getMessage());
        }
        return pair;
    }

    public void logout(UUID accountId, UUID jti, UUID familyId, Instant accessTokenExpiresAt) {
        tokens.logout(jti, familyId, accessTokenExpiresAt);
        // This server stops accepting the tokens now; the others hear of it by notification.
        revocations.revokeToken(jti);
        revocations.revokeFamily(familyId);
        audit.record(AuditEvent.LOGGED_OUT, accountId.toString(), accountId.toString(), "family " + familyId + " revoked");
    }

    public TokenPair deviceToken(String collarId, String secret) {
        return tokens.deviceToken(collarId, secret);
    }
}
