package io.petty.api.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Outside the development profile, plain HTTP answers only with a permanent redirect to HTTPS (308 keeps the method
 * and body), before anything is authenticated or read: a token or a password never travels in clear twice. Requests
 * from the machine itself stay on HTTP (MicroProfile JWT fetches the server's own JWKS there); behind a TLS-terminating
 * proxy, Liberty's remoteIp (server.xml) makes the scheme the client's, and the redirect names the port clients
 * reach HTTPS on ({@code petty.http.public-https-port}: the server's own HTTPS_PORT unless a proxy serves 443).
 */
@Provider
@PreMatching
@Priority(2)
@ApplicationScoped
public class HttpsOnly implements ContainerRequestFilter {

    private final boolean enforced;
    private final int httpsPort;

    @Context
    private HttpServletRequest servletRequest;

    @Inject
    public HttpsOnly(@ConfigProperty(name = "petty.profile") String profile,
                     @ConfigProperty(name = "petty.http.public-https-port") int httpsPort) {
        this.enforced = !"development".equals(profile);
        this.httpsPort = httpsPort;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public HttpsOnly() {
        this("development", 443);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (enforced) {
            redirect(request.getUriInfo().getRequestUri(), isLoopback(servletRequest.getRemoteAddr()), httpsPort)
                    .ifPresent(target -> request.abortWith(Response.status(308).location(target).build()));
        }
    }

    /** Where a request must go instead, or empty when it may be served as it came. */
    static Optional<URI> redirect(URI request, boolean fromLoopback, int httpsPort) {
        if ("https".equalsIgnoreCase(request.getScheme()) || fromLoopback) {
            return Optional.empty();
        }
        String authority = request.getHost() + (httpsPort == 443 ? "" : ":" + httpsPort);
        return Optional.of(URI.create("https://" + authority + request.getRawPath()
                + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery())));
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();  // a literal address: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
