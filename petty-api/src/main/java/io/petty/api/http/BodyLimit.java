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

/**
 * Caps request bodies so that no client can make the server buffer without bound: a declared
 * {@code Content-Length} over the cap is refused before reading, and a chunked body is cut off where it
 * passes the cap (readers see {@link BodyTooLargeException}).
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
@ApplicationScoped
public class BodyLimit implements ContainerRequestFilter {

    private final long maxBytes;

    @Inject
    public BodyLimit(@ConfigProperty(name = "petty.http.max-body-bytes") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public BodyLimit() {
        this(0);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
    }

    /** The whole (capped) body, for when it is needed as bytes, e.g. to hash it. */
    public static byte[] readAll(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (BodyTooLargeException e) {
            throw tooLarge(e.maxBytes());
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body could not be read.");
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

    private static final class Bounded extends FilterInputStream {
        private final long maxBytes;
        private long read;

        Bounded(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }
    }
}
