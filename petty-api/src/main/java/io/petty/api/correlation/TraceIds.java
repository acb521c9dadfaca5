package io.petty.api.correlation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.http.HttpServletRequest;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The W3C trace id a request belongs to: with tracing on, its span's (MicroProfile Telemetry continues the client's
 * trace or begins one); otherwise the one its {@code traceparent} header carries when that is well formed (the
 * client's trace goes on through Petty's logs), or a new one.
 */
public final class TraceIds {

    public static final String HEADER = "traceparent";
    private static final String ATTRIBUTE = "io.petty.trace-id";
    /** Version 00: version, trace id, parent span id, flags; an id of zeros is invalid. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String INVALID = "0".repeat(32);

    private TraceIds() {
    }

    /** The request's trace id, given it now if it has none yet. */
    public static String assign(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id != null) {
            return id.toString();
        }
        SpanContext traced = Span.current().getSpanContext();
        String assigned = traced.isValid() ? traced.getTraceId() : idFor(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, assigned);
        return assigned;
    }

    static String idFor(String traceparent) {
        if (traceparent != null) {
            Matcher parent = TRACEPARENT.matcher(traceparent.trim());
            if (parent.matches() && !parent.group(1).equals(INVALID)) {
                return parent.group(1);
            }
        }
        // Random for uniqueness, not secrecy (a trace id is sent on): no SecureRandom lock taken per request.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }
}
