package it.io.petty;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.crypto.MasterKeySource;
import io.petty.domain.identity.SigningKeyRing;

import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes tokens the way an attacker would need to, with the server's real signing key where a test needs a
 * correct signature around a wrong claim. The key is read as the server reads it: from PostgreSQL, unwrapped
 * with the test server's development master key.
 */
public final class TokenForge {

    public static final String ISSUER = "https://petty.local";
    public static final String AUDIENCE = "petty-api";

    private TokenForge() {
    }

    public static SigningKeyRing serverKeys() {
        return new SigningKeyRing(TestDatabase.dataSource(), serverMasterKey(), Clock.systemUTC());
    }

    /** The test server's master key, generated in its data directory (a development server). */
    public static MasterKey serverMasterKey() {
        Path dataDir = Path.of(System.getProperty("petty.test.server.data-dir"));
        return new MasterKeySource(Optional.empty(), Optional.empty(), dataDir, false).load();
    }

    /** Claims as the server issues them for an owner. */
    public static JWTClaimsSet.Builder ownerClaims(UUID owner) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(owner.toString()).claim("upn", owner.toString())
                .claim("groups", List.of("owner")).claim("scope", "pets:read pets:write telemetry:read")
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).claim("sid", UUID.randomUUID().toString());
    }

    /** Signed with the server's active key, as the server would: typed as a person's access token. */
    public static String signedByServer(JWTClaimsSet claims) {
        return signedByServer(claims, "at+jwt");
    }

    /** Signed with the server's active key, with this {@code typ} (none when null). */
    public static String signedByServer(JWTClaimsSet claims, String type) {
        SigningKeyRing.ActiveKey key = serverKeys().active();
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid());
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        return sign(header.build(), claims, key.privateKey());
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, RSAPrivateKey key) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
