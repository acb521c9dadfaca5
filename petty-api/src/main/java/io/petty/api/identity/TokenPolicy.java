package io.petty.api.identity;

import io.petty.domain.identity.RevocationList;
import io.petty.domain.identity.Role;
import io.petty.domain.identity.SigningKeyRing;
import io.petty.domain.identity.TokenService;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What MicroProfile JWT cannot know and Petty checks after it has verified signature, issuer, audience and
 * times: the token is of the kind its holder is given ({@code at+jwt} for people, RFC 9068; {@code device+jwt} for
 * collars), it was not revoked (logout, refresh reuse), and the key that signed it has not been retired. The last
 * two come from memory that notifications keep current across instances. A token that fails them is refused where a
 * caller is needed, and ignored (the request is anonymous) where none is ({@code @PermitAll}): an app that still sends
 * a logged-out token can log in again, as with a token that does not verify at all.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
@ApplicationScoped
public class TokenPolicy implements ContainerRequestFilter {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final RevocationList revocations;
    private final SigningKeyRing keys;

    @Context
    private ResourceInfo resource;

    @Inject
    public TokenPolicy(RevocationList revocations, SigningKeyRing keys) {
        this.revocations = revocations;
        this.keys = keys;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public TokenPolicy() {
        this(null, null);
    }

    /**
     * What is checked of a verified token, read from it once: its id, its login (family; none for device tokens) and
     * the id of the key that signed it.
     */
    public record Credential(UUID jti, UUID family, String kid) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() instanceof JsonWebToken token
                && !credential(token).map(this::admits).orElse(false)) {
            if (!resource.getResourceMethod().isAnnotationPresent(PermitAll.class)
                    && !resource.getResourceClass().isAnnotationPresent(PermitAll.class)) {
                throw new NotAuthorizedException("Bearer error=\"invalid_token\"");
            }
            request.setSecurityContext(new Anonymous(security.isSecure()));
        }
    }

    /** Nobody: what a request that carried no token is. */
    private record Anonymous(boolean isSecure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    }

    /** The token's credential; none when it lacks an id or a key id, or is not typed as its holder's tokens are. */
    public Optional<Credential> credential(JsonWebToken token) {
        Optional<UUID> jti = uuid(token.getTokenID());
        JsonObject header = header(token.getRawToken());
        String kid = header.getString("kid", null);
        String expectedType = token.getGroups().contains(Role.COLLAR_GROUP) ? TokenService.DEVICE_TOKEN_TYPE
                : TokenService.ACCESS_TOKEN_TYPE;
        if (jti.isEmpty() || kid == null || !expectedType.equals(header.getString("typ", null))) {
            return Optional.empty();
        }
        UUID family = token.<String>claim(TokenService.FAMILY_CLAIM).flatMap(TokenPolicy::uuid).orElse(null);
        return Optional.of(new Credential(jti.get(), family, kid));
    }

    /**
     * Whether it is still good: its key still verifies, and neither the token nor its login was revoked. Two map
     * lookups: asked again of an event stream's credential at every heartbeat and revocation.
     */
    public boolean admits(Credential credential) {
        return keys.status(credential.kid()).map(SigningKeyRing.KeyStatus::verifies).orElse(false)
                && !revocations.isRevoked(credential.jti(), credential.family());
    }

    /** The JOSE header of a token MicroProfile JWT has already parsed and verified. */
    private static JsonObject header(String rawToken) {
        String encoded = rawToken.substring(0, Math.max(rawToken.indexOf('.'), 0));
        byte[] header = Base64.getUrlDecoder().decode(encoded);
        try (JsonReader reader = READERS.createReader(new StringReader(new String(header, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
