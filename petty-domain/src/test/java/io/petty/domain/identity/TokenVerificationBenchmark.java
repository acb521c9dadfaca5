package io.petty.domain.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What verifying one access token costs on one core: the bare RS256 signature check (the baseline), and the
 * full verification a request pays — parse, pick the key by kid, check the RS256 signature, check iss, aud,
 * exp, nbf and the required claims, then Petty's revocation lookup.
 *
 * <pre>
 * mvn -q -pl petty-domain test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main TokenVerificationBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenVerificationBenchmark {

    private static final String ISSUER = "https://petty.local";
    private static final String AUDIENCE = "petty-api";

    private String token;
    private byte[] signingInput;
    private byte[] signature;
    private RSAPublicKey publicKey;
    private DefaultJWTProcessor<SecurityContext> processor;
    private RevocationList revocations;

    @Setup
    public void signOneToken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(SigningKeyRing.RSA_BITS);
        KeyPair pair = generator.generateKeyPair();
        publicKey = (RSAPublicKey) pair.getPublic();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .subject(UUID.randomUUID().toString()).claim("upn", "someone").claim("groups", List.of("owner"))
                .claim("scope", TokenService.OWNER_SCOPE).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim(TokenService.FAMILY_CLAIM, UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(), claims);
        jwt.sign(new RSASSASigner(pair.getPrivate()));
        token = jwt.serialize();
        signingInput = jwt.getSigningInput();
        signature = jwt.getSignature().decode();

        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(publicKey).keyID("bench").build()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                Set.of("sub", "upn", "groups", "jti", "iat", "nbf", "exp")));
        revocations = new RevocationList(Clock.systemUTC(), Duration.ofMinutes(15));
        for (int i = 0; i < 10_000; i++) {
            revocations.revokeToken(UUID.randomUUID());
        }
    }

    @Benchmark
    public boolean rs256SignatureOnly() throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey);
        rsa.update(signingInput);
        return rsa.verify(signature);
    }

    @Benchmark
    public boolean fullVerification() throws Exception {
        JWTClaimsSet claims = processor.process(token, null);
        return revocations.isRevoked(UUID.fromString(claims.getJWTID()),
                UUID.fromString(claims.getStringClaim(TokenService.FAMILY_CLAIM)));
    }
}
