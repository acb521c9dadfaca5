package io.petty.api.identity;

import io.petty.api.identity.IdentityDocuments.DeviceLogin;
import io.petty.api.identity.IdentityDocuments.Login;
import io.petty.api.identity.IdentityDocuments.Refresh;
import io.petty.api.identity.IdentityDocuments.Tokens;
import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.domain.identity.AccountService;
import io.petty.domain.identity.InvalidCredentialsException;
import io.petty.domain.identity.TokenPair;
import io.petty.domain.identity.TokenService;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

/** {@code /v1/auth}: logging in, refreshing, logging out, and collars trading their secret for a token. */
@Path("v1/auth")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final TokenService tokens;

    @Inject
    public AuthResource(AccountService accounts, TokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public AuthResource() {
        this(null, null);
    }

    @POST
    @Path("token")
    @PermitAll
    public Tokens token(Login login) {
        Login given = required(login);
        return view(tokens.login(accounts.authenticate(given.email(), given.password())
                .orElseThrow(InvalidCredentialsException::new)));
    }

    @POST
    @Path("refresh")
    @PermitAll
    public Tokens refresh(Refresh refresh) {
        String token = required(refresh).refreshToken();
        if (token == null) {
            throw new InvalidCredentialsException();
        }
        return view(tokens.refresh(token));
    }

    @POST
    @Path("logout")
    @RolesAllowed({"owner", "admin", "compliance-officer"})
    public Response logout(@Context SecurityContext security) {
        JsonWebToken token = Caller.token(security);
        tokens.logout(UUID.fromString(token.getTokenID()),
                UUID.fromString(token.<String>claim(TokenService.FAMILY_CLAIM).orElseThrow()),
                Instant.ofEpochSecond(token.getExpirationTime()));
        return Response.noContent().build();
    }

    @POST
    @Path("device-token")
    @PermitAll
    public Tokens deviceToken(DeviceLogin login) {
        DeviceLogin given = required(login);
        return view(tokens.deviceToken(given.collarId(), given.secret()));
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object.");
        }
        return body;
    }

    private static Tokens view(TokenPair pair) {
        return new Tokens(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresInSeconds());
    }
}
