package it.io.petty.resilience;

import it.io.petty.PettyHttp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The Liberty server the build started for the tests, killed and started again as a crash would leave it. */
public final class TestServer {

    private static final Path WLP = Path.of(System.getProperty("petty.test.wlp.dir"));

    private TestServer() {
    }

    /** SIGKILL, no shutdown hook, nothing flushed; then {@code server start} and wait until it is ready again. */
    static void killAndRestart() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        ProcessHandle server = process();
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
        Process restart = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", "petty")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (restart.waitFor() != 0) {
            throw new AssertionError("server start petty exited " + restart.exitValue());
        }
        PettyHttp.awaitReady(Duration.ofSeconds(120));
    }

    /** The server's process, by the pid file Liberty writes. */
    public static ProcessHandle process() throws IOException {
        return ProcessHandle.of(Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/petty.pid")).trim()))
                .orElseThrow();
    }
}
