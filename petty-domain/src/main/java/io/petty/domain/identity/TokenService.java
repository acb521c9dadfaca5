package io.petty.domain.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.petty.domain.crypto.Aead;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Issues tokens: RS256 access tokens signed by the active key, opaque refresh tokens rotated on every use
 * (only their SHA-256 is stored), and collar device tokens. Verification is MicroProfile JWT's, in the server.
 */
public class TokenService {

    /** RFC 9068's {@code typ} of a person's access token. */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";
    /** A collar's token is typed apart, so that neither kind is taken where the other is expected. */
    public static final String DEVICE_TOKEN_TYPE = "device+jwt";

    /** Every access token of a login names its family, so that the whole login can be revoked at once. */
    public static final String FAMILY_CLAIM = "sid";
    public static final String OWNER_SCOPE = "pets:read pets:write telemetry:read";
    public static final String ADMIN_SCOPE = "admin";
    public static final String COMPLIANCE_SCOPE = "compliance";
    public static final String INGEST_SCOPE = "telemetry:ingest";

    private final SigningKeyRing keys;
    private final TokenStore store;
    private final TokenSettings settings;
    private final Clock clock;

    public TokenService(SigningKeyRing keys, TokenStore store, TokenSettings settings, Clock clock) {
        this.keys = keys;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new login for an authenticated account. */
    public TokenPair login(Account account) {
        TokenStore.Grant grant = new TokenStore.Grant(UUID.randomUUID(), account.id(), List.of(account.role().group()),
                scopeOf(account.role()));
        return pair(grant, account.id().toString());
    }

    /**
     * Trades a refresh token for a new pair with the same groups and scope; the presented token is spent.
     *
     * @throws RefreshTokenReuseException when a spent token is presented again (its family is now revoked)
     * @throws InvalidCredentialsException when the token is unknown, expired or revoked
     */
    public TokenPair refresh(String refreshToken) {
        Instant now = clock.instant();
        String successor = newRefreshToken();
        TokenStore.Rotation rotation = store.rotate(hash(refreshToken), hash(successor),
                now.plus(settings.refreshLifetime()), now, now.plus(settings.revocationHorizon()));
        return switch (rotation.outcome()) {
            case ROTATED -> new TokenPair(access(rotation.grant(), rotation.grant().accountId().toString(),
                    settings.accessLifetime()), successor, settings.accessLifetime().toSeconds());
            case REUSED -> throw new RefreshTokenReuseException(rotation.grant().familyId(), rotation.grant().accountId());
            case INVALID -> throw new InvalidCredentialsException();
        };
    }

    /** Ends a login: the presenting access token and every token of its family stop working. */
    public void logout(UUID jti, UUID familyId, Instant accessTokenExpiresAt) {
        store.revokeAccessToken(jti, settings.revokedUntil(accessTokenExpiresAt));
        store.revokeFamily(familyId, clock.instant().plus(settings.revocationHorizon()));
    }

    /**
     * Ends every login of the account but the one kept (null: all of them), as a logout of each would.
     *
     * @return the logins ended
     */
    public List<UUID> revokeLogins(UUID accountId, UUID kept) {
        return store.revokeLogins(accountId, kept, clock.instant().plus(settings.revocationHorizon()));
    }

    /**
     * Exchanges a collar's device credential for a short-lived token that may only ingest that collar's readings.
     *
     * @throws InvalidCredentialsException when the collar is not paired or the secret is wrong
     */
    public TokenPair deviceToken(String collarId, String secret) {
        byte[] stored = store.collarSecretHash(collarId).orElse(null);
        byte[] presented = hash(secret == null ? "" : secret);
        if (stored == null || !MessageDigest.isEqual(stored, presented)) {
            throw new InvalidCredentialsException();
        }
        TokenStore.Grant grant = new TokenStore.Grant(UUID.randomUUID(), null, List.of(Role.COLLAR_GROUP), INGEST_SCOPE);
        return new TokenPair(access(grant, collarId, settings.deviceLifetime()), null,
                settings.deviceLifetime().toSeconds());
    }

    /** A collar's new device secret: shown once to the owner, stored only as {@link #hash}. */
    public static String newDeviceSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Aead.randomBytes(32));
    }

    /** SHA-256: enough for 256-bit random tokens and secrets, which cannot be guessed from their hash. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private TokenPair pair(TokenStore.Grant grant, String subject) {
        String refresh = newRefreshToken();
        store.saveRefresh(hash(refresh), grant, clock.instant().plus(settings.refreshLifetime()));
        return new TokenPair(access(grant, subject, settings.accessLifetime()), refresh,
                settings.accessLifetime().toSeconds());
    }

    private String access(TokenStore.Grant grant, String subject, Duration lifetime) {
        SigningKeyRing.ActiveKey key = keys.active();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", grant.groups())
                .claim("scope", grant.scope())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim(FAMILY_CLAIM, grant.familyId().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid())
                .type(new JOSEObjectType(grant.groups().contains(Role.COLLAR_GROUP) ? DEVICE_TOKEN_TYPE
                        : ACCESS_TOKEN_TYPE)).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return jwt.serialize();
    }

    private static String newRefreshToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Aead.randomBytes(32));
    }

    private static String scopeOf(Role role) {
        return switch (role) {
            case OWNER -> OWNER_SCOPE;
            case ADMIN -> ADMIN_SCOPE;
            case COMPLIANCE_OFFICER -> COMPLIANCE_SCOPE;
        };
    }
}
