package io.petty.api.http;

import io.petty.api.problem.Problem;
import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * Puts every request through the {@link DatabaseCircuit}: refused at once while it is open, before anything reads
 * the database (authorization and rate limits do), and counted afterwards by what the client was told — a
 * {@code database-unavailable} problem is a failure, an answer below 500 a success (a 503 for a full ingest gate says
 * nothing about the database).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 10)
@ApplicationScoped
public class DatabaseCircuitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private final DatabaseCircuit circuit;

    @Inject
    public DatabaseCircuitFilter(DatabaseCircuit circuit) {
        this.circuit = circuit;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public DatabaseCircuitFilter() {
        this.circuit = null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!circuit.admits()) {
            long seconds = circuit.retryAfter().toSeconds();
            throw new ProblemException(ProblemType.DATABASE_UNAVAILABLE, "The database is not answering; the "
                    + "request was not carried out. Retry after " + seconds + " s.",
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem
                && ProblemType.DATABASE_UNAVAILABLE.type().equals(problem.type())) {
            circuit.failed();
        } else if (response.getStatus() < 500) {
            circuit.succeeded();
        }
    }
}
