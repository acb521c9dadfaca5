package io.petty.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * Puts OWASP's secure headers on every API answer, errors included: the API serves JSON to apps, never pages, so
 * nothing it sends may be framed, sniffed into another type, run as a document, leak a referrer or be kept in a cache
 * (tokens and personal data pass through it). A resource that sets its own {@code Cache-Control} keeps it.
 */
@Provider
public class SecurityHeaders implements ContainerResponseFilter {

    static final Map<String, String> HEADERS = Map.of(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        HEADERS.forEach(headers::putSingle);
        if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
