package io.petty.api.http;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Caps request bodies in size and in time, so that no client can make the server buffer without bound or hold a
 * thread by trickling: a declared {@code Content-Length} over the cap is refused before reading, a chunked body is
 * cut off where it passes the cap, and a body must arrive within {@code petty.http.body-deadline} and, after its
 * first {@value #GRACE_SECONDS} s, at {@code petty.http.min-body-rate} bytes a second at least. Bodies are read
 * through {@link #readAll}, which turns each of these into its problem.
 *
 * <p>Liberty hands a body over a buffer at a time (measured: a 250-byte body sent a byte every 300 ms came as one
 * read), and each buffer must arrive within its {@code readTimeout} (server.xml, 5 s) or the read fails. So the
 * deadline and the rate are checked between buffers, and a trickle is cut off by the read timeout at the latest.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
@ApplicationScoped
public class BodyLimit implements ContainerRequestFilter {

    /** A body's first seconds are not held to the minimum rate: connections start slowly. */
    static final int GRACE_SECONDS = 2;

    private final long maxBytes;
    private final Duration deadline;
    private final long minBytesPerSecond;

    @Inject
    public BodyLimit(@ConfigProperty(name = "petty.http.max-body-bytes") long maxBytes,
                     @ConfigProperty(name = "petty.http.body-deadline") Duration deadline,
                     @ConfigProperty(name = "petty.http.min-body-rate") long minBytesPerSecond) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
        this.minBytesPerSecond = minBytesPerSecond;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public BodyLimit() {
        this(0, Duration.ZERO, 0);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes, deadline, minBytesPerSecond));
    }

    /** The whole (capped) body, for when it is needed as bytes, e.g. to hash it. */
    public static byte[] readAll(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (BodyTooLargeException e) {
            throw tooLarge(e.maxBytes());
        } catch (IOException e) {
            // Too slow, Liberty's readTimeout passed, or the connection broke: a client that is still there learns
            // why, and the connection is not kept for another request.
            throw new ProblemException(ProblemType.BODY_TOO_SLOW, "The body did not arrive in time; send it "
                    + "again at once.", Map.of("Connection", "close"));
        }
    }

    private static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(ProblemType.BODY_TOO_LARGE, "The body must not exceed " + maxBytes + " bytes.");
    }

    /** Thrown from a body stream that passed the cap. */
    public static final class BodyTooLargeException extends IOException {
        private final long maxBytes;

        BodyTooLargeException(long maxBytes) {
            super("request body exceeds " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    /** A body that passes its cap, its deadline or its minimum rate fails its next read. */
    static final class Bounded extends FilterInputStream {
        private final long maxBytes;
        private final long started = System.nanoTime();
        private final long deadlineNanos;
        private final long minBytesPerSecond;
        private long read;

        Bounded(InputStream in, long maxBytes, Duration deadline, long minBytesPerSecond) {
            super(in);
            this.maxBytes = maxBytes;
            this.deadlineNanos = deadline.toNanos();
            this.minBytesPerSecond = minBytesPerSecond;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b >= 0 ? 1 : 0);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
            long elapsed = System.nanoTime() - started;
            long owed = TimeUnit.NANOSECONDS.toMillis(elapsed - TimeUnit.SECONDS.toNanos(GRACE_SECONDS))
                    * minBytesPerSecond / 1000;
            if (elapsed > deadlineNanos || read < owed) {
                throw new IOException("request body too slow: " + read + " bytes in "
                        + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms");
            }
        }
    }
}
