package it.io.petty;

import io.petty.cli.Petty;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code petty load} run in the test's JVM against the test server and database, as an operator runs it, with
 * the JSON report on standard output and the progress lines on standard error. Runs on a thread of its own, so
 * that a test can act on the server meanwhile; {@link #close()} interrupts a run still going.
 */
public final class LoadRun implements AutoCloseable {

    /** How a finished run ended. */
    public record Result(int exitCode, String out, String err) {
        public JsonObject report() {
            try (JsonReader reader = Json.createReader(new StringReader(out))) {
                return reader.readObject();
            }
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FutureTask<Integer> run;
    private final Thread thread;

    private LoadRun(Path fleetFile, String... options) {
        List<String> args = new ArrayList<>(List.of("load", "--url", PettyHttp.BASE.toString(),
                "--db-url", TestDatabase.url(), "--db-user", TestDatabase.user(),
                "--fleet-file", fleetFile.toString(), "--output", "json"));
        args.addAll(List.of(options));
        run = new FutureTask<>(() -> Petty.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new)));
        thread = new Thread(run, "petty-load-under-test");
    }

    /** Starts a run in the background. */
    public static LoadRun start(Path fleetFile, String... options) {
        LoadRun load = new LoadRun(fleetFile, options);
        load.thread.start();
        return load;
    }

    /** Runs to the end. */
    public static Result run(Path fleetFile, String... options) throws Exception {
        try (LoadRun load = start(fleetFile, options)) {
            return load.await(Duration.ofMinutes(3));
        }
    }

    /** The progress lines written so far. */
    public String progress() {
        return err.toString();
    }

    public Result await(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        int exitCode = run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
