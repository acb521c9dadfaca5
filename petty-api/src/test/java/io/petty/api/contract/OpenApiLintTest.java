package io.petty.api.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenAPI document passes Stoplight Spectral with the repository's ruleset ({@code .spectral.yaml}), warnings
 * included. Spectral is an npm tool: {@code .ci/run} installs it where this test looks ({@link #INSTALLED}) and names
 * it in {@code PETTY_SPECTRAL}; where it is not installed the test is skipped, saying so.
 */
class OpenApiLintTest {

    private static final Path DOCUMENT = Path.of("src/main/resources/META-INF/openapi.yaml");
    private static final Path RULESET = Path.of("../.spectral.yaml");
    /** Where {@code .ci/run} installs Spectral unless told otherwise. */
    private static final Path INSTALLED = Path.of(System.getProperty("user.home"),
            ".cache/petty/spectral/node_modules/.bin/spectral");

    @Test
    void theDocumentPassesSpectralWithoutAWarning() throws IOException, InterruptedException {
        Path spectral = spectral();
        assumeTrue(spectral != null, "Spectral is not installed, so the OpenAPI document was not linted: run .ci/run, "
                + "or `npm install --prefix ~/.cache/petty/spectral @stoplight/spectral-cli@6.16.3`, or set "
                + "PETTY_SPECTRAL to a spectral executable");
        Path output = Files.createTempFile("spectral", ".txt");
        try {
            Process lint = new ProcessBuilder(spectral.toString(), "lint", DOCUMENT.toString(), "--ruleset",
                    RULESET.toString(), "--fail-severity=warn").redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean ended = lint.waitFor(2, TimeUnit.MINUTES);
            if (!ended) {
                lint.destroyForcibly();
            }
            String report = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(ended, "spectral did not finish within 2 minutes: " + report);
            assertEquals(0, lint.exitValue(), "spectral lint " + DOCUMENT + " --ruleset " + RULESET + ":\n" + report);
        } finally {
            Files.delete(output);
        }
    }

    /** PETTY_SPECTRAL when set (it must then exist), else where .ci/run installs it, else null. */
    private static Path spectral() {
        String named = System.getenv("PETTY_SPECTRAL");
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            assertTrue(Files.isExecutable(path), "PETTY_SPECTRAL names no executable: " + named);
            return path;
        }
        return Files.isExecutable(INSTALLED) ? INSTALLED : null;
    }
}
