package io.petty.api.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.petty.domain.identity.SigningKeyRing;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify Petty's tokens, active and retiring.
 * MicroProfile JWT in this very server reads it too (server.xml {@code jwksUri}), and reads it again when a
 * token names a key it has not seen, which is how a rotation on another instance arrives here.
 */
@Path(".well-known/jwks.json")
@ApplicationScoped
@PermitAll
public class JwksResource {

    private final SigningKeyRing keys;

    @Inject
    public JwksResource(SigningKeyRing keys) {
        this.keys = keys;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public JwksResource() {
        this(null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> keys() {
        keys.active();
        List<Map<String, Object>> published = keys.verifying().stream()
                .map(key -> new RSAKey.Builder(key.key()).keyID(key.kid()).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).build().toJSONObject())
                .toList();
        return Map.of("keys", published);
    }
}
