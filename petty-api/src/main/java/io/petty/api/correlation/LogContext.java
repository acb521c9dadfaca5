package io.petty.api.correlation;

import com.ibm.websphere.logging.hpel.LogRecordContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

/**
 * Marks every log line written while a request is served with its request id and trace id: Liberty's JSON logs show
 * them as {@code ext_requestId} and {@code ext_traceId}, so that one request's lines, or one trace's across
 * services, can be picked out. Liberty keeps the fields per thread; they are removed as the request leaves it.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class LogContext implements Filter {

    private static final String REQUEST_ID = "requestId";
    private static final String TRACE_ID = "traceId";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        LogRecordContext.addExtension(REQUEST_ID, RequestIds.assign(http));
        LogRecordContext.addExtension(TRACE_ID, TraceIds.assign(http));
        try {
            chain.doFilter(request, response);
        } finally {
            LogRecordContext.removeExtension(REQUEST_ID);
            LogRecordContext.removeExtension(TRACE_ID);
        }
    }
}
