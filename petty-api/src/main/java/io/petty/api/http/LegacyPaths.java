package io.petty.api.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The original system's unversioned paths answer exactly as their {@code /v1} successors do (the request
 * is routed to the same resource), plus the headers that tell clients to move: {@code Deprecation}
 * (RFC 9745), {@code Sunset} (RFC 8594) and a {@code successor-version} link.
 */
@Provider
@PreMatching
@Priority(2)
@ApplicationScoped
public class LegacyPaths implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> LEGACY = Set.of("ingest", "realtime", "pet-timeline", "submit-feedback", "pet-plan");
    private static final String PROPERTY = "io.petty.legacy-successor";

    private final String deprecation;
    private final String sunset;

    @Inject
    public LegacyPaths(@ConfigProperty(name = "petty.legacy.deprecated-at") Instant deprecatedAt,
                       @ConfigProperty(name = "petty.legacy.sunset-at") Instant sunsetAt) {
        this.deprecation = "@" + deprecatedAt.getEpochSecond();
        this.sunset = DateTimeFormatter.RFC_1123_DATE_TIME.format(sunsetAt.atOffset(ZoneOffset.UTC));
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public LegacyPaths() {
        this.deprecation = null;
        this.sunset = null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (!LEGACY.contains(name)) {
            return;
        }
        String successor = "/v1/" + name;
        request.setProperty(PROPERTY, successor);
        request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri()).replacePath(successor).build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object successor = request.getProperty(PROPERTY);
        if (successor == null) {
            return;
        }
        response.getHeaders().putSingle("Deprecation", deprecation);
        response.getHeaders().putSingle("Sunset", sunset);
        response.getHeaders().add("Link", "<" + successor + ">; rel=\"successor-version\"");
    }
}
