package io.petty.api.http;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.domain.abuse.RateLimiter;
import io.petty.domain.platform.TaggedCounter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Charges each request to its principal's token bucket for the method's {@link RateLimited} class (the
 * caller's token subject, or the client address when anonymous), after authentication so that a collar
 * cannot spend another's budget. Refusals are {@code 429} with {@code Retry-After}; every limited response
 * carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}. Refusals are counted by
 * class (Prometheus: {@code petty_rate_limited_total{class}}).
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10)
@ApplicationScoped
public class RateLimits implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String DECISION = "io.petty.rate-limit";
    private static final Metadata LIMITED = Metadata.builder().withName("petty.rate.limited")
            .withDescription("Requests refused with 429 for exceeding their rate limit, by limit class").build();

    private final RateLimiter limiter;
    private final TaggedCounter limited;

    @Context
    private ResourceInfo resource;
    @Context
    private HttpServletRequest servletRequest;

    @Inject
    public RateLimits(RateLimiter limiter, MetricRegistry registry) {
        this.limiter = limiter;
        this.limited = new TaggedCounter(registry, LIMITED, "class");
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public RateLimits() {
        this.limiter = null;
        this.limited = null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RateLimited limited = resource.getResourceMethod().getAnnotation(RateLimited.class);
        if (limited == null) {
            limited = resource.getResourceClass().getAnnotation(RateLimited.class);
        }
        if (limited == null) {
            return;
        }
        Principal caller = request.getSecurityContext().getUserPrincipal();
        String principal = caller != null ? "user:" + caller.getName() : "address:" + servletRequest.getRemoteAddr();
        RateLimiter.Decision decision = limiter.take(limited.value(), principal);
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            this.limited.inc(limited.value());
            throw new ProblemException(ProblemType.RATE_LIMITED, "Too many requests; retry after "
                    + decision.retryAfterSeconds() + " s.", headers(decision));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision) {
            headers(decision).forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }

    private static Map<String, String> headers(RateLimiter.Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", Long.toString(decision.limit()));
        headers.put("RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.put("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            headers.put("Retry-After", Long.toString(Math.max(1, decision.retryAfterSeconds())));
        }
        return headers;
    }
}
