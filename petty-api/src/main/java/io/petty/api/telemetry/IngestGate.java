package io.petty.api.telemetry;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many ingest requests are read and written at once ({@code petty.ingest.max-concurrent}). The rest
 * are refused at once with 503 and {@code Retry-After} instead of queueing, so memory and latency stay bounded
 * whatever the load; a refused request stored nothing and may simply be sent again.
 */
@ApplicationScoped
public class IngestGate {

    /** Held while one request is being ingested; closing it lets the next one in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore permits;

    @Inject
    public IngestGate(@ConfigProperty(name = "petty.ingest.max-concurrent") int maxConcurrent) {
        this.permits = new Semaphore(maxConcurrent);
    }

    /** Required by CDI to proxy an application-scoped bean; never used to build a working instance. */
    protected IngestGate() {
        this.permits = null;
    }

    /** @throws ProblemException 503 with Retry-After when every permit is taken */
    public Permit enter() {
        if (!permits.tryAcquire()) {
            throw new ProblemException(ProblemType.OVERLOADED,
                    "Too many readings are being written right now; nothing was stored, retry shortly.",
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        return permits::release;
    }
}
