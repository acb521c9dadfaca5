package io.petty.api.problem;

import io.petty.api.correlation.RequestIds;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;


/**
 * Some errors are answered by the runtime itself with an empty body, above all MicroProfile JWT's 401 for a
 * missing or invalid token and the 403 of {@code @RolesAllowed}. Those get the same problem document as every
 * other error, keeping their headers ({@code WWW-Authenticate}).
 */
@Provider
@Priority(Priorities.USER)
public class EmptyErrorBodies implements ContainerResponseFilter {

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        response.setEntity(new Problem(ProblemMapper.ABOUT_BLANK, response.getStatusInfo().getReasonPhrase(), status,
                ProblemMapper.frameworkDetail(status), servletRequest.getRequestURI(), RequestIds.of(servletRequest),
                null));
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    }
}
