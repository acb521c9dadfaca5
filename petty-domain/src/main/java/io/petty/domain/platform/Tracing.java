package io.petty.domain.platform;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * The spans MicroProfile Telemetry does not make by itself (it makes one per HTTP request, and none for JDBC): the
 * database statements that matter, and the batch jobs. With tracing off, Petty's default, the tracer is a no-op; so
 * it is where the runtime offers none (an application deployed without MicroProfile Telemetry's API, as the
 * in-container tests' archives are).
 */
@ApplicationScoped
public class Tracing {

    private final Tracer tracer;

    @Inject
    public Tracing(Instance<Tracer> tracers) {
        this.tracer = tracers.isResolvable() ? tracers.get() : OpenTelemetry.noop().getTracer("petty");
    }

    /** For CDI proxies; never called to build a working instance. */
    protected Tracing() {
        this.tracer = null;
    }

    /** Does the work in a client span of PostgreSQL's, named as the semantic conventions name one: "INSERT reading". */
    public <T> T database(String operation, String table, Supplier<T> work) {
        Span span = tracer.spanBuilder(operation + " " + table).setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system", "postgresql").setAttribute("db.operation", operation)
                .setAttribute("db.sql.table", table).startSpan();
        try (Scope current = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** A span for a job run, begun on the job's thread and current there until {@link Job#end} on the same thread. */
    public Job job(String name, long executionId) {
        Span span = tracer.spanBuilder("job " + name).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("petty.job.name", name).setAttribute("petty.job.execution", executionId).startSpan();
        return new Job(span, span.makeCurrent());
    }

    /** A job run's span, current on its thread. */
    public record Job(Span span, Scope current) {

        public void end(boolean failed) {
            if (failed) {
                span.setStatus(StatusCode.ERROR);
            }
            current.close();
            span.end();
        }
    }
}
