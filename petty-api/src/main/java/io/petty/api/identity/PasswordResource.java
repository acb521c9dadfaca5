package io.petty.api.identity;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.IdentityDocuments.PasswordChange;
import io.petty.api.problem.ProblemException;
import io.petty.domain.identity.Sessions;
import io.petty.domain.identity.TokenService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.UUID;

/**
 * {@code POST /v1/me/password}: the caller changes their password, giving the current one; every other login of the
 * account ends (whoever else held one), this one goes on.
 */
@Path("v1/me/password")
@ApplicationScoped
@RateLimited("account")
@RolesAllowed({"owner", "admin", "compliance-officer"})
public class PasswordResource {

    private final Sessions sessions;

    @Inject
    public PasswordResource(Sessions sessions) {
        this.sessions = sessions;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public PasswordResource() {
        this(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(PasswordChange change, @Context SecurityContext security,
                           @Context HttpServletRequest request) {
        PasswordChange given = ProblemException.requireBody(change);
        UUID login = UUID.fromString(Caller.token(security).<String>claim(TokenService.FAMILY_CLAIM).orElseThrow());
        sessions.changePassword(Caller.accountId(security), login, given.currentPassword(), given.newPassword(),
                request.getRemoteAddr());
        return Response.noContent().build();
    }
}
