package it.io.petty.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import it.io.petty.Fleet;
import it.io.petty.Readings;
import it.io.petty.TokenForge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way of forging or bending a token that the identity issue names is refused with 401. */
class TokenAttacksIT {

    private static Fleet.Owner owner;
    private static KeyPair attacker;

    @BeforeAll
    static void anOwnerAndAnAttackersKey() throws NoSuchAlgorithmException {
        owner = Fleet.newOwner();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        attacker = generator.generateKeyPair();
    }

    @Test
    void aTokenSignedByTheServersKeyWithTheRightClaimsIsAccepted() {
        // The control: the forge makes tokens the server accepts, so each refusal below is the claim's doing.
        assertEquals(200, pets(TokenForge.signedByServer(TokenForge.ownerClaims(owner.id()).build())).statusCode());
    }

    @Test
    void rejectsAlgNone() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = Base64URL.encode(TokenForge.ownerClaims(owner.id()).build().toString()).toString();
        assertRejected(header + "." + payload + ".");
    }

    @Test
    void rejectsHs256SignedWithThePublicKeyAsSecret() throws JOSEException {
        RSAPublicKey serverKey = TokenForge.serverKeys().verifying().get(0).key();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(TokenForge.serverKeys().active().kid()).build();
        SignedJWT jwt = new SignedJWT(header, TokenForge.ownerClaims(owner.id()).build());
        jwt.sign(new MACSigner(serverKey.getEncoded()));
        assertRejected(jwt.serialize());
    }

    @Test
    void rejectsAnUnknownKid() {
        assertRejected(TokenForge.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown-key-id").build(),
                TokenForge.ownerClaims(owner.id()).build(), (RSAPrivateKey) attacker.getPrivate()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../etc/passwd", "' OR '1'='1", "x'; DROP TABLE signing_key; --", "%00"})
    void rejectsKidsCarryingPathsOrSql(String kid) {
        assertRejected(TokenForge.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                TokenForge.ownerClaims(owner.id()).build(), (RSAPrivateKey) attacker.getPrivate()));
    }

    @Test
    void ignoresJkuX5uAndEmbeddedJwkPointingAtTheAttackersKey() {
        RSAKey attackerJwk = new RSAKey.Builder((RSAPublicKey) attacker.getPublic()).keyID("attacker").build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker")
                .jwkURL(URI.create("https://attacker.example/jwks.json"))
                .x509CertURL(URI.create("https://attacker.example/cert.pem"))
                .jwk(attackerJwk).type(JOSEObjectType.JWT).build();
        assertRejected(TokenForge.sign(header, TokenForge.ownerClaims(owner.id()).build(),
                (RSAPrivateKey) attacker.getPrivate()));
    }

    @Test
    void rejectsAnExpiredToken() {
        Instant past = Instant.now().minusSeconds(3600);
        assertRejected(TokenForge.signedByServer(TokenForge.ownerClaims(owner.id()).issueTime(Date.from(past))
                .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(900))).build()));
    }

    @Test
    void rejectsATokenNotValidBeforeTheFuture() {
        assertRejected(TokenForge.signedByServer(TokenForge.ownerClaims(owner.id())
                .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()));
    }

    @Test
    void rejectsAWrongIssuer() {
        assertRejected(TokenForge.signedByServer(TokenForge.ownerClaims(owner.id())
                .issuer("https://attacker.example").build()));
    }

    @Test
    void rejectsAWrongAudience() {
        assertRejected(TokenForge.signedByServer(TokenForge.ownerClaims(owner.id()).audience("another-api").build()));
    }

    @Test
    void rejectsAPayloadChangedUnderTheOriginalSignature() {
        String[] parts = owner.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"owner\"", "\"admin\"");
        assertTrue(payload.contains("\"admin\""));
        assertRejected(parts[0] + "." + b64(payload) + "." + parts[2]);
    }

    @Test
    void rejectsAStrippedSignature() {
        String[] parts = owner.accessToken().split("\\.");
        assertRejected(parts[0] + "." + parts[1] + ".");
        assertRejected(parts[0] + "." + parts[1]);
    }

    @Test
    void aPersonsTokenMustBeTypedAtJwt() {
        JWTClaimsSet claims = TokenForge.ownerClaims(owner.id()).build();
        assertRejected(TokenForge.signedByServer(claims, "device+jwt"));
        assertRejected(TokenForge.signedByServer(claims, "JWT"));
        assertRejected(TokenForge.signedByServer(claims, null));
        assertEquals(200, pets(TokenForge.signedByServer(claims, "at+jwt")).statusCode());
    }

    @Test
    void aCollarsTokenIsNotAPersonsAndAPersonsIsNotACollars() {
        Fleet.Collar collar = Fleet.newCollar();
        JWTClaimsSet claims = new JWTClaimsSet.Builder(TokenForge.ownerClaims(owner.id()).build())
                .subject(collar.id()).claim("upn", collar.id()).claim("groups", List.of("collar"))
                .claim("scope", "telemetry:ingest").build();
        String reading = Readings.reading(collar.id(), Readings.recent());
        assertEquals(401, postJson("/v1/ingest", reading, TokenForge.signedByServer(claims, "at+jwt")).statusCode(),
                "a collar's claims typed as a person's token");
        assertEquals(201, postJson("/v1/ingest", reading, TokenForge.signedByServer(claims, "device+jwt"))
                .statusCode());
        assertEquals(403, postJson("/v1/ingest", reading, owner.accessToken()).statusCode(),
                "a person's token is not a collar's");
        assertEquals(403, pets(collar.deviceToken()).statusCode(), "a collar's token is not a person's");
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        assertRejected(owner.refreshToken());
    }

    private static HttpResponse<String> pets(String token) {
        return get("/v1/pets", token);
    }

    private static void assertRejected(String token) {
        HttpResponse<String> response = pets(token);
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow()
                .split(";")[0]);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
