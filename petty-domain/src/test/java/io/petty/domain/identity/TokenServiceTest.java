package io.petty.domain.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.petty.domain.crypto.Aead;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.identity.internal.JdbcTokenStore;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final TokenSettings SETTINGS = new TokenSettings("https://petty.local", "petty-api",
            Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofMinutes(15), Duration.ofSeconds(30));
    private static final String COLLAR = "SN-12345";
    private static final String COLLAR_SECRET = TokenService.newDeviceSecret();

    private DataSource database;
    private SigningKeyRing ring;
    private TokenService tokens;
    private Account owner;

    @BeforeEach
    void migratedDatabaseWithAnOwner() throws SQLException {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        ring = new SigningKeyRing(database, new MasterKey(Aead.newKey()), Clock.fixed(NOW, ZoneOffset.UTC));
        tokens = serviceAt(NOW);
        owner = account(Role.OWNER);
    }

    @Test
    void loginIssuesAnRs256AccessTokenSignedByTheActiveKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.login(owner).accessToken());

        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType(), "RFC 9068");
        assertEquals(ring.active().kid(), jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier(verifyingKey(jwt.getHeader().getKeyID()))));
    }

    @Test
    void loginAccessTokenCarriesExactlyTheExpectedClaims() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(tokens.login(owner).accessToken()).getJWTClaimsSet();

        assertEquals(Set.of("iss", "aud", "sub", "upn", "groups", "scope", "jti", "iat", "nbf", "exp", "sid"),
                claims.getClaims().keySet());
        assertEquals("https://petty.local", claims.getIssuer());
        assertEquals(List.of("petty-api"), claims.getAudience());
        assertEquals(owner.id().toString(), claims.getSubject());
        assertEquals(owner.id().toString(), claims.getStringClaim("upn"));
        assertEquals(List.of("owner"), claims.getStringListClaim("groups"));
        assertEquals(TokenService.OWNER_SCOPE, claims.getStringClaim("scope"));
        assertNotNull(UUID.fromString(claims.getJWTID()));
        assertNotNull(UUID.fromString(claims.getStringClaim(TokenService.FAMILY_CLAIM)));
        assertEquals(NOW, claims.getIssueTime().toInstant());
        assertEquals(NOW, claims.getNotBeforeTime().toInstant());
        assertEquals(NOW.plusSeconds(900), claims.getExpirationTime().toInstant());
    }

    @Test
    void loginReturnsARefreshTokenAndTheAccessLifetime() {
        TokenPair pair = tokens.login(owner);

        assertNotNull(pair.refreshToken());
        assertEquals(900, pair.expiresInSeconds());
        assertEquals("TokenPair[redacted]", pair.toString());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleGetsItsGroupAndScope(Role role) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(tokens.login(account(role)).accessToken()).getJWTClaimsSet();

        assertEquals(List.of(role.group()), claims.getStringListClaim("groups"));
        String expectedScope = switch (role) {
            case OWNER -> TokenService.OWNER_SCOPE;
            case ADMIN -> TokenService.ADMIN_SCOPE;
            case COMPLIANCE_OFFICER -> TokenService.COMPLIANCE_SCOPE;
        };
        assertEquals(expectedScope, claims.getStringClaim("scope"));
    }

    @Test
    void refreshReturnsANewPairOfTheSameLogin() throws Exception {
        TokenPair first = tokens.login(owner);
        JWTClaimsSet before = SignedJWT.parse(first.accessToken()).getJWTClaimsSet();

        TokenPair second = tokens.refresh(first.refreshToken());

        JWTClaimsSet after = SignedJWT.parse(second.accessToken()).getJWTClaimsSet();
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertNotEquals(before.getJWTID(), after.getJWTID());
        assertEquals(before.getStringClaim("sid"), after.getStringClaim("sid"));
        assertEquals(before.getSubject(), after.getSubject());
        assertEquals(before.getStringListClaim("groups"), after.getStringListClaim("groups"));
        assertEquals(before.getStringClaim("scope"), after.getStringClaim("scope"));
        assertEquals(900, second.expiresInSeconds());
    }

    @Test
    void aSpentRefreshTokenPresentedAgainRevokesTheWholeLogin() throws Exception {
        TokenPair first = tokens.login(owner);
        UUID family = UUID.fromString(SignedJWT.parse(first.accessToken()).getJWTClaimsSet().getStringClaim("sid"));
        TokenPair second = tokens.refresh(first.refreshToken());

        RefreshTokenReuseException reuse = assertThrows(RefreshTokenReuseException.class,
                () -> tokens.refresh(first.refreshToken()));

        assertEquals(family, reuse.familyId());
        assertEquals(owner.id(), reuse.accountId());
        assertEquals(Optional.of(NOW.plus(SETTINGS.revocationHorizon())), revokedUntil("revoked_family", "family_id", family));
        InvalidCredentialsException successor = assertThrows(InvalidCredentialsException.class,
                () -> tokens.refresh(second.refreshToken()));
        assertEquals(InvalidCredentialsException.class, successor.getClass());
    }

    @Test
    void anUnknownRefreshTokenIsInvalid() {
        InvalidCredentialsException refused = assertThrows(InvalidCredentialsException.class,
                () -> tokens.refresh(TokenService.newDeviceSecret()));

        assertEquals(InvalidCredentialsException.class, refused.getClass());
    }

    @Test
    void anExpiredRefreshTokenIsInvalid() {
        TokenPair pair = tokens.login(owner);

        TokenService aWeekLater = serviceAt(NOW.plus(SETTINGS.refreshLifetime()));

        InvalidCredentialsException refused = assertThrows(InvalidCredentialsException.class,
                () -> aWeekLater.refresh(pair.refreshToken()));
        assertEquals(InvalidCredentialsException.class, refused.getClass());
    }

    @Test
    void logoutRevokesTheAccessTokenAndItsLogin() throws Exception {
        TokenPair pair = tokens.login(owner);
        JWTClaimsSet claims = SignedJWT.parse(pair.accessToken()).getJWTClaimsSet();
        UUID jti = UUID.fromString(claims.getJWTID());
        UUID family = UUID.fromString(claims.getStringClaim("sid"));

        tokens.logout(jti, family, claims.getExpirationTime().toInstant());

        // Kept past the token's expiry by the verifier's clock skew: it is accepted that much longer.
        assertEquals(Optional.of(NOW.plusSeconds(900 + 30)), revokedUntil("revoked_token", "jti", jti));
        assertEquals(Optional.of(NOW.plus(SETTINGS.accessLifetime()).plusSeconds(30)),
                revokedUntil("revoked_family", "family_id", family));
        assertThrows(InvalidCredentialsException.class, () -> tokens.refresh(pair.refreshToken()));
    }

    @Test
    void aPairedCollarWithTheRightSecretGetsAnIngestOnlyDeviceToken() throws Exception {
        pairedCollar(COLLAR, COLLAR_SECRET);

        TokenPair pair = tokens.deviceToken(COLLAR, COLLAR_SECRET);

        assertNull(pair.refreshToken());
        assertEquals(900, pair.expiresInSeconds());
        SignedJWT jwt = SignedJWT.parse(pair.accessToken());
        assertEquals(TokenService.DEVICE_TOKEN_TYPE, jwt.getHeader().getType().getType(), "not an owner's at+jwt");
        assertTrue(jwt.verify(new RSASSAVerifier(verifyingKey(jwt.getHeader().getKeyID()))));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(COLLAR, claims.getSubject());
        assertEquals(COLLAR, claims.getStringClaim("upn"));
        assertEquals(List.of(Role.COLLAR_GROUP), claims.getStringListClaim("groups"));
        assertEquals(TokenService.INGEST_SCOPE, claims.getStringClaim("scope"));
        assertEquals(NOW.plus(SETTINGS.deviceLifetime()), claims.getExpirationTime().toInstant());
    }

    @Test
    void aDeviceTokenIsRefusedForAWrongOrMissingSecret() throws SQLException {
        pairedCollar(COLLAR, COLLAR_SECRET);

        assertThrows(InvalidCredentialsException.class, () -> tokens.deviceToken(COLLAR, COLLAR_SECRET + "x"));
        assertThrows(InvalidCredentialsException.class, () -> tokens.deviceToken(COLLAR, ""));
        assertThrows(InvalidCredentialsException.class, () -> tokens.deviceToken(COLLAR, null));
    }

    @Test
    void aDeviceTokenIsRefusedForAnUnpairedCollarEvenWithItsFormerSecret() throws SQLException {
        execute("INSERT INTO collar (id, secret_hash) VALUES (?, ?)", COLLAR, TokenService.hash(COLLAR_SECRET));

        assertThrows(InvalidCredentialsException.class, () -> tokens.deviceToken(COLLAR, COLLAR_SECRET));
    }

    @Test
    void aDeviceTokenIsRefusedForAnUnknownCollar() {
        assertThrows(InvalidCredentialsException.class, () -> tokens.deviceToken("SN-99999", COLLAR_SECRET));
    }

    @Test
    void tokensIssuedBeforeARotationStillVerifyWithTheRetiringKey() throws Exception {
        SignedJWT before = SignedJWT.parse(tokens.login(owner).accessToken());

        String rotated = ring.rotate(SETTINGS.longestAccessLifetime());

        SignedJWT after = SignedJWT.parse(tokens.login(owner).accessToken());
        assertEquals(rotated, after.getHeader().getKeyID());
        assertNotEquals(rotated, before.getHeader().getKeyID());
        assertTrue(before.verify(new RSASSAVerifier(verifyingKey(before.getHeader().getKeyID()))));
        assertTrue(after.verify(new RSASSAVerifier(verifyingKey(rotated))));
    }

    private TokenService serviceAt(Instant instant) {
        return new TokenService(ring, new JdbcTokenStore(database), SETTINGS, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private RSAPublicKey verifyingKey(String kid) {
        return ring.verifying().stream().filter(key -> key.kid().equals(kid)).findFirst().orElseThrow().key();
    }

    private Account account(Role role) throws SQLException {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO account (id, role) VALUES (?, ?)", id, role.column());
        return new Account(id, role);
    }

    private void pairedCollar(String collarId, String secret) throws SQLException {
        UUID pet = UUID.randomUUID();
        execute("INSERT INTO pet (id, owner_id, name, species) VALUES (?, ?, 'Rex', 'dog')", pet, owner.id());
        execute("INSERT INTO collar (id, pet_id, secret_hash, paired_at) VALUES (?, ?, ?, now())",
                collarId, pet, TokenService.hash(secret));
    }

    private Optional<Instant> revokedUntil(String table, String idColumn, UUID id) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT expires_at FROM " + table + " WHERE " + idColumn + " = ?")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        }
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
