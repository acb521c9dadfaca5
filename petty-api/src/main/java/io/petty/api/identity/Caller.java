package io.petty.api.identity;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/** Who is calling, read from the verified token MicroProfile JWT put into the security context. */
public final class Caller {

    private Caller() {
    }

    public static JsonWebToken token(SecurityContext security) {
        if (security.getUserPrincipal() instanceof JsonWebToken token) {
            return token;
        }
        throw new NotAuthorizedException("Bearer");
    }

    /** The account id of an owner, admin or compliance officer. */
    public static UUID accountId(SecurityContext security) {
        return UUID.fromString(token(security).getSubject());
    }

    /** The collar a device token was issued to. */
    public static String collarId(SecurityContext security) {
        return token(security).getSubject();
    }
}
