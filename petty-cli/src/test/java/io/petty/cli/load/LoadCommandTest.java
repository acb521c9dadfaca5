package io.petty.cli.load;

import io.petty.cli.ExitCode;
import io.petty.cli.Petty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code petty load} as a user runs it, up to where a server is needed (LoadIT runs it against one). */
class LoadCommandTest {

    @TempDir
    Path directory;

    @Test
    void aBatchTheServerWouldRefuseIsAUsageError() {
        Run run = petty("load", "--batch", "1001");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("a batch of 1 to 1000 readings"), run.err());
    }

    @Test
    void aDurationThatIsNotOneIsAUsageError() {
        Run run = petty("load", "--duration", "soon");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("'soon' is not a duration"), run.err());
    }

    @Test
    void aReadingIntervalTheServerCannotStoreIsAUsageError() {
        Run run = petty("load", "--reading-interval", "PT0.0000005S");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("a reading interval of a whole number of microseconds, at least 1"), run.err());
    }

    @Test
    void anHttpsUrlIsAUsageError() {
        Run run = petty("load", "--url", "https://localhost:9443");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("a load plan needs an http://host:port server URL, not https://localhost:9443"),
                run.err());
    }

    @Test
    void noServerAtTheUrlExitsWithUnavailableAtOnce() {
        Run run = petty("load", "--url", "http://localhost:1", "--fleet-file", directory.resolve("fleet.json").toString());
        assertEquals(ExitCode.UNAVAILABLE, run.exitCode());
        assertTrue(run.err().contains("no Petty server answers at http://localhost:1"), run.err());
    }

    @Test
    void helpDescribesEveryOption() {
        Run run = petty("load", "--help");
        assertEquals(ExitCode.OK, run.exitCode());
        for (String option : new String[] {"--collars", "--batch", "--reading-interval", "--duration", "--rate",
                "--concurrency", "--motion", "--readers", "--read-interval", "--fleet-file", "--[no-]verify",
                "--compare-copy", "--output", "--db-url"}) {
            assertTrue(run.out().contains(option), option + " in\n" + run.out());
        }
    }

    private Run petty(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Petty.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
