package it.io.petty.incontainer;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;

/** What every in-container test archive needs beside the packages it tests. */
final class Archives {

    private Archives() {
    }

    /**
     * The OpenTelemetry API, which the domain's {@code Tracing} uses: Liberty shows it (a third-party API) only to
     * applications configured to see it, as the EAR is; an archive deployed by Arquillian is not. Without the runtime's
     * tracer, {@code Tracing} traces nothing.
     */
    static WebArchive withOpenTelemetryApi(WebArchive archive) {
        return archive.addAsLibraries(jarOf(Tracer.class), jarOf(Context.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
