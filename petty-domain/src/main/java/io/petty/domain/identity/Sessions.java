package io.petty.domain.identity;

import io.petty.domain.abuse.LoginThrottle;
import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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
    private final DeviceCookies devices;
    private final SessionCounts counts;

    @Inject
    public Sessions(AccountService accounts, TokenService tokens, LoginThrottle throttle, AuditLog audit,
                    PiiProtector pii, RevocationList revocations, DeviceCookies devices, SessionCounts counts) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
        this.pii = pii;
        this.revocations = revocations;
        this.devices = devices;
        this.counts = counts;
    }

    /** A login's tokens, and the device cookie its client presents at its next logins to this account. */
    public record SignedIn(TokenPair tokens, String deviceCookie) {
        @Override
        public String toString() {
            return "SignedIn[redacted]";
        }
    }

    /**
     * @param address      the caller's network address, throttled separately from the email
     * @param deviceCookie what an earlier login to this account gave the client, if anything: with a genuine one the
     *                     attempt is throttled on its own, so nobody else's failures hold it up
     * @throws LoginThrottledException when this email (or this device) or address has failed too often lately
     * @throws InvalidCredentialsException when the email or password is wrong (which one is not said)
     */
    public SignedIn login(String email, String password, String address, String deviceCookie) {
        // Keyed by a keyed hash of the normalised email: no plaintext email is held, and unknown emails
        // are throttled exactly like known ones.
        String emailKey = email == null ? "-" : HexFormat.of().formatHex(pii.emailLookup(email));
        String pseudonym = "email:" + emailKey.substring(0, Math.min(16, emailKey.length()));
        Optional<String> device = devices.device(emailKey, deviceCookie);
        Optional<Duration> wait = throttle.tryAttempt(emailKey, address, device);
        if (wait.isPresent()) {
            audit.record(AuditEvent.LOGIN_THROTTLED, null, pseudonym, "retry after " + wait.get().toSeconds() + " s"
                    + (device.isPresent() ? " (known device)" : ""));
            counts.throttled();
            throw new LoginThrottledException(wait.get());
        }
        Optional<Account> account = accounts.authenticate(email, password);
        if (account.isEmpty()) {
            audit.record(AuditEvent.LOGIN_FAILED, null, pseudonym, "wrong email or password");
            counts.failed();
            throw new InvalidCredentialsException();
        }
        throttle.succeeded(emailKey, address, device);
        counts.succeeded();
        audit.record(AuditEvent.LOGIN_SUCCEEDED, account.get().id().toString(), account.get().id().toString(),
                "role " + account.get().role().group());
        return new SignedIn(tokens.login(account.get()), devices.issue(emailKey, device));
    }

    public TokenPair refresh(String refreshToken) {
        TokenPair pair;
        try {
            pair = tokens.refresh(refreshToken);
        } catch (RefreshTokenReuseException reuse) {
            revocations.revokeFamily(reuse.familyId());
            audit.record(AuditEvent.REFRESH_REUSE_DETECTED, reuse.accountId().toString(),
                    reuse.accountId().toString(), "family " + reuse.familyId() + " revoked");
            counts.refreshReused();
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

    /**
     * Changes the caller's password and ends every other login of the account; the calling one goes on. Guesses at
     * the current password (with a stolen token) are throttled as logins are.
     *
     * @throws LoginThrottledException when this account's password was given wrong too often lately
     * @throws io.petty.domain.validation.InvalidInputException when the current password is wrong or the new one
     *                                                           breaks a rule
     */
    public void changePassword(UUID accountId, UUID currentLogin, String currentPassword, String newPassword,
                               String address) {
        String key = "account:" + accountId;
        Optional<Duration> wait = throttle.tryAttempt(key, address, Optional.empty());
        if (wait.isPresent()) {
            audit.record(AuditEvent.LOGIN_THROTTLED, accountId.toString(), accountId.toString(),
                    "password change; retry after " + wait.get().toSeconds() + " s");
            throw new LoginThrottledException(wait.get());
        }
        try {
            accounts.changePassword(accountId, currentPassword, newPassword);
        } catch (InvalidInputException invalid) {
            if (invalid.violations().stream().anyMatch(violation -> violation.field().equals("current_password"))) {
                audit.record(AuditEvent.PASSWORD_CHANGE_FAILED, accountId.toString(), accountId.toString(),
                        "wrong current password");
            } else {
                throttle.succeeded(key, address, Optional.empty());
            }
            throw invalid;
        }
        throttle.succeeded(key, address, Optional.empty());
        List<UUID> ended = endLogins(accountId, currentLogin);
        audit.record(AuditEvent.PASSWORD_CHANGED, accountId.toString(), accountId.toString(),
                ended.size() + " other logins revoked");
    }

    /** Ends every login of the caller's account, the calling one included (its family is among them). */
    public void logoutEverywhere(UUID accountId) {
        List<UUID> ended = endLogins(accountId, null);
        audit.record(AuditEvent.LOGGED_OUT_EVERYWHERE, accountId.toString(), accountId.toString(),
                ended.size() + " logins revoked");
    }

    /** This server stops accepting the logins' tokens now; the others hear of it by notification. */
    private List<UUID> endLogins(UUID accountId, UUID kept) {
        List<UUID> ended = tokens.revokeLogins(accountId, kept);
        ended.forEach(revocations::revokeFamily);
        return ended;
    }

    public TokenPair deviceToken(String collarId, String secret) {
        return tokens.deviceToken(collarId, secret);
    }
}
