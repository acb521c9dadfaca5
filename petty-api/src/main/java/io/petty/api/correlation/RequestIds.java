package io.petty.api.correlation;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the client's {@code X-Request-ID} when it is a sane token,
 * otherwise a new UUID. It is echoed on every response and put into every problem document and log line.
 */
@Provider
@PreMatching
@Priority(1)
public class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-ID";
    private static final String PROPERTY = "io.petty.request-id";
    /** Anything else could smuggle markup or line breaks into logs, so it is replaced, not echoed. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void filter(ContainerRequestContext request) {
        // LogContext, a servlet filter, has given most requests their id already.
        if (request.getProperty(PROPERTY) == null) {
            request.setProperty(PROPERTY, idFor(request.getHeaderString(HEADER)));
        }
    }

    /** The request's id, given it now when the filter never saw it (an error the servlet container answered). */
    public static String assign(HttpServletRequest request) {
        Object id = request.getAttribute(PROPERTY);
        if (id != null) {
            return id.toString();
        }
        String assigned = idFor(request.getHeader(HEADER));
        request.setAttribute(PROPERTY, assigned);
        return assigned;
    }

    private static String idFor(String offered) {
        return offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /** The id of the request being served; request properties are servlet request attributes. */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(PROPERTY);
        return id == null ? "unknown" : id.toString();
    }
}
