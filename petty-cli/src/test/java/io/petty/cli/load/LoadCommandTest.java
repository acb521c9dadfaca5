package io.petty.cli.load;

import io.petty.cli.ExitCode;
import io.petty.cli.Petty;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code petty load} as a user runs it, up to where a server is needed (LoadIT runs it against one). */
class LoadCommandTest {

    private static String factoryDatabase;

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
    void aRunWhoseFreshCollarsCannotFillABatchBeforeTheEndSaysWhatToLower() throws IOException {
        try (ScriptedServer server = new ScriptedServer(LoadCommandTest::provisioning)) {
            // A reading a second: a batch of 100 is 100 s of a collar's clock, past a 1 s run.
            Run run = petty("load", "--url", server.uri().toString(), "--collars", "1", "--batch", "100",
                    "--reading-interval", "1s", "--duration", "1s", "--no-verify", "--fleet-file", directory.resolve("fleet.json").toString());

            assertEquals(ExitCode.CHECK_FAILED, run.exitCode());
            assertTrue(run.err().contains("the server acknowledged no reading; no collar's clock reached the end of "
                    + "a batch (100 readings 1s apart) within --duration: lower --batch or --reading-interval"),
                    run.err());
            assertTrue(server.requests().stream().noneMatch(request -> request.target().equals("/v1/ingest")),
                    "nothing stamped ahead of now was sent");
        }
    }

    @Test
    void aRunInWhichNoProbeSawItsSessionExitsOneAndSaysSo() throws IOException {
        try (ScriptedServer server = new ScriptedServer(request -> request.target().startsWith("/v1/pet-timeline")
                ? ScriptedServer.ok(200, "{\"timeline\":[]}") : provisioning(request))) {
            Run run = probing(server, "--event-probes", "2");

            assertEquals(ExitCode.CHECK_FAILED, run.exitCode(), run.err());
            assertTrue(run.err().contains("petty: no event probe saw its session in the timeline: "), run.err());
            assertTrue(run.out().contains("timed out after 100ms"), run.out());
        }
    }

    @Test
    void aProbeThatTimedOutAmongOnesThatSawTheirSessionsLeavesTheExitCodeAlone() throws IOException {
        // The first probe's sessions show at once, the second's never.
        Map<String, String> newestSession = new ConcurrentHashMap<>();
        CopyOnWriteArrayList<String> probeCollars = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer(request -> {
            if (request.target().equals("/v1/ingest") && request.body().startsWith("{\"readings\"")) {
                // The fleet sends single readings: a batch is a probe's.
                String collar = request.body().replaceAll("^.*?\"collar_id\":\"([^\"]+)\".*$", "$1");
                String start = request.body().replaceAll("^.*?\"timestamp\":\"([^\"]+)\".*$", "$1");
                probeCollars.addIfAbsent(collar);
                if (probeCollars.indexOf(collar) == 0) {
                    newestSession.put(collar, start);
                }
                return provisioning(request);
            }
            if (request.target().startsWith("/v1/pet-timeline")) {
                String collar = request.target().replaceAll(".*collar_id=([^&]+).*", "$1");
                return ScriptedServer.ok(200, "{\"timeline\":[" + (newestSession.containsKey(collar)
                        ? "{\"start\":\"" + newestSession.get(collar) + "\"}" : "") + "]}");
            }
            return provisioning(request);
        })) {
            Run run = probing(server, "--event-probes", "2", "--output", "json");

            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            JsonObject events = Json.createReader(new StringReader(run.out())).readObject().getJsonObject("events");
            assertTrue(events.getInt("timeouts") > 0, run.out());
            assertTrue(events.getJsonObject("latency_ms").getInt("count") > 0, run.out());
        }
    }

    @Test
    void helpDescribesEveryOption() {
        Run run = petty("load", "--help");
        assertEquals(ExitCode.OK, run.exitCode());
        for (String option : new String[] {"--collars", "--batch", "--reading-interval", "--duration", "--rate",
                "--concurrency", "--motion", "--readers", "--read-interval", "--fleet-file", "--[no-]verify",
                "--event-probes", "--probe-interval", "--probe-poll", "--probe-timeout", "--compare-copy", "--output",
                "--db-url"}) {
            assertTrue(run.out().contains(option), option + " in\n" + run.out());
        }
    }

    private static ScriptedServer.Reply provisioning(ScriptedServer.Request request) {
        return switch (request.target()) {
            case "/v1/accounts" -> ScriptedServer.ok(201, "{}");
            case "/v1/auth/token", "/v1/auth/device-token" -> ScriptedServer.ok(200, "{\"access_token\":\"token\"}");
            case "/v1/pets" -> ScriptedServer.ok(201, "{\"id\":\"pet\"}");
            case "/v1/collars" -> ScriptedServer.ok(201, "{\"collar_id\":\"LD-000001\"}");
            // Stored: a single reading needs any 2xx, a probe's batch of two a result for each.
            case "/v1/ingest" ->
                    ScriptedServer.ok(201, "{\"results\":[{\"status\":\"stored\"},{\"status\":\"stored\"}]}");
            default -> ScriptedServer.ok(404, "{}");
        };
    }

    /** A short run of one collar sending single readings, with probes given a 100 ms limit. */
    private Run probing(ScriptedServer server, String... options) {
        List<String> args = new ArrayList<>(List.of("load", "--url", server.uri().toString(), "--collars", "1",
                "--batch", "1", "--rate", "50", "--duration", "500ms", "--probe-interval", "100ms",
                "--probe-timeout", "100ms", "--no-verify", "--fleet-file", directory.resolve("fleet.json").toString()));
        args.addAll(List.of(options));
        return petty(args.toArray(String[]::new));
    }

    /** Runs the command with a database for the factory to make the fleet's collars in (the server is scripted). */
    private Run petty(String... args) {
        List<String> withDatabase = new ArrayList<>(List.of(args));
        withDatabase.addAll(List.of("--db-url", factoryDatabase(), "--db-user", TestPostgres.USER));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Petty.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(withDatabase.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static synchronized String factoryDatabase() {
        if (factoryDatabase == null) {
            factoryDatabase = TestPostgres.freshDatabaseUrl();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(factoryDatabase);
            dataSource.setUser(TestPostgres.USER);
            new SchemaMigrations(dataSource).migrate();
        }
        return factoryDatabase;
    }

    private record Run(int exitCode, String out, String err) {
    }
}
