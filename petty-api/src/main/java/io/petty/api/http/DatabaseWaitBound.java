package io.petty.api.http;

import io.petty.domain.platform.DatabaseWaits;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.time.Duration;

/**
 * Bounds how long the thread serving a request waits for one answer from PostgreSQL ({@code petty.db.request-wait}):
 * a database that stopped answering costs the request that long and a {@code 503} with {@code Retry-After}, never the
 * data source's minute (DatabaseWaits). A servlet filter, so that every request's thread is bounded, whichever
 * part of the application it reaches.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class DatabaseWaitBound implements Filter {

    private Duration longestWait;

    @Override
    public void init(FilterConfig config) {
        // A servlet filter is made by the container with no arguments: its setting is read here.
        longestWait = ConfigProvider.getConfig().getValue("petty.db.request-wait", Duration.class);
        if (longestWait.isNegative() || longestWait.isZero()) {
            throw new IllegalArgumentException("petty.db.request-wait must be positive, not " + longestWait);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try (DatabaseWaits.Bound bound = DatabaseWaits.bound(longestWait)) {
            chain.doFilter(request, response);
        }
    }
}
