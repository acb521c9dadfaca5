package io.petty.api.identity;

import io.petty.api.identity.IdentityDocuments.DeviceLogin;
import io.petty.api.identity.IdentityDocuments.Login;
import io.petty.api.identity.IdentityDocuments.Refresh;
import io.petty.api.identity.IdentityDocuments.Tokens;
import io.petty.api.http.RateLimited;
import io.petty.api.problem.ProblemException;
import io.petty.domain.identity.InvalidCredentialsException;
import io.petty.domain.identity.Sessions;
import io.petty.domain.identity.TokenPair;
import io.petty.domain.identity.TokenService;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.UUID;

/** {@code /v1/auth}: logging in, refreshing, logging out (here or everywhere), and collars trading their secret for a token. */
@Path("v1/auth")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final Sessions sessions;

    @Inject
    public AuthResource(Sessions sessions) {
        this.sessions = sessions;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public AuthResource() {
        this(null);
    }

    @POST
    @Path("token")
    @PermitAll
    @RateLimited("account")
    public Tokens token(Login login, @Context HttpServletRequest request) {
        Login given = ProblemException.requireBody(login);
        Sessions.SignedIn signedIn = sessions.login(given.email(), given.password(), request.getRemoteAddr(),
                given.deviceCookie());
        TokenPair pair = signedIn.tokens();
        return new Tokens(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresInSeconds(),
                signedIn.deviceCookie());
    }

    /**
     * Rate limited by address in a class of its own, generous enough for the many users behind one carrier NAT (each
     * refreshes every 15 minutes); a stolen refresh token is caught by reuse.
     */
    @POST
    @Path("refresh")
    @PermitAll
    @RateLimited("refresh")
    public Tokens refresh(Refresh refresh) {
        String token = ProblemException.requireBody(refresh).refreshToken();
        if (token == null) {
            throw new InvalidCredentialsException();
        }
        return view(sessions.refresh(token));
    }

    @POST
    @Path("logout")
    @RateLimited("api")
    @RolesAllowed({"owner", "admin", "compliance-officer"})
    public Response logout(@Context SecurityContext security) {
        JsonWebToken token = Caller.token(security);
        sessions.logout(UUID.fromString(token.getSubject()), UUID.fromString(token.getTokenID()),
                UUID.fromString(token.<String>claim(TokenService.FAMILY_CLAIM).orElseThrow()),
                Instant.ofEpochSecond(token.getExpirationTime()));
        return Response.noContent().build();
    }

    /** Ends every login of the caller's account, this one included: the "sign out everywhere" of a lost phone. */
    @POST
    @Path("logout-all")
    @RateLimited("api")
    @RolesAllowed({"owner", "admin", "compliance-officer"})
    public Response logoutAll(@Context SecurityContext security) {
        sessions.logoutEverywhere(Caller.accountId(security));
        return Response.noContent().build();
    }

    @POST
    @Path("device-token")
    @PermitAll
    @RateLimited("account")
    public Tokens deviceToken(DeviceLogin login) {
        DeviceLogin given = ProblemException.requireBody(login);
        return view(sessions.deviceToken(given.collarId(), given.secret()));
    }


    private static Tokens view(TokenPair pair) {
        return new Tokens(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresInSeconds(), null);
    }
}
