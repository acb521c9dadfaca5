package io.petty.api.http;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;

/**
 * A request's path and query are at most {@value #MAX_CHARACTERS} characters ({@code 414} otherwise), before anything
 * but the request id (RequestIds, priority 1) reads them: no Petty URI needs more than a few hundred. Liberty refuses
 * what it cannot parse before any application sees it, with a bare {@code 400}: a request line or header field over
 * 8 KiB, or over 100 header fields (server.xml's httpOptions).
 */
@Provider
@PreMatching
@Priority(2)
@ApplicationScoped
public class UriLimit implements ContainerRequestFilter {

    static final int MAX_CHARACTERS = 4096;

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        int length = uri.getRawPath().length() + (uri.getRawQuery() == null ? 0 : uri.getRawQuery().length() + 1);
        if (length > MAX_CHARACTERS) {
            throw new ProblemException(ProblemType.URI_TOO_LONG, "The path and query must not exceed "
                    + MAX_CHARACTERS + " characters; this one has " + length + ".");
        }
    }
}
