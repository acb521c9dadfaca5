package io.petty.api.identity;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.IdentityDocuments.AccountView;
import io.petty.api.identity.IdentityDocuments.NewAccount;
import io.petty.api.problem.ProblemException;
import io.petty.domain.identity.Account;
import io.petty.domain.identity.AccountService;
import io.petty.domain.identity.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /v1/accounts}: anyone may open an owner account. Admins and officers come from the CLI only. */
@Path("v1/accounts")
@ApplicationScoped
@RateLimited("account")
@PermitAll
public class AccountsResource {

    private final AccountService accounts;

    @Inject
    public AccountsResource(AccountService accounts) {
        this.accounts = accounts;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public AccountsResource() {
        this(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(NewAccount request) {
        NewAccount given = ProblemException.requireBody(request);
        Account account = accounts.register(given.email(), given.password(), given.displayName(), Role.OWNER);
        return Response.status(Response.Status.CREATED)
                .entity(new AccountView(account.id(), account.role().group())).build();
    }
}
