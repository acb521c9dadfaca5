package io.petty.cli.server;

import io.petty.cli.ExitCode;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;

/** {@code petty jobs}: the batch jobs' runs from every server, and a failed run restarted (role admin). */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "The batch jobs' runs (re-analysis, retention, exports, erasures) and their restart.",
        subcommands = {JobsCommand.ListRuns.class, JobsCommand.RestartRun.class})
public class JobsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The newest runs of every job, newest first: status, duration, exit status.")
    static class ListRuns extends ServerCommand {

        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int call(ServerApi api) {
            List<JsonObject> runs = api.get("/v1/admin/jobs?limit=" + limit).getJsonArray("jobs")
                    .getValuesAs(JsonObject.class);
            if (output.json()) {
                JsonArrayBuilder array = Json.createArrayBuilder();
                runs.forEach(array::add);
                out().println(Json.createObjectBuilder().add("jobs", array).build());
            } else if (runs.isEmpty()) {
                out().println("No job runs.");
            } else {
                out().printf("%-8s %-20s %-10s %-22s %10s  %s%n", "ID", "JOB", "STATUS", "STARTED", "SECONDS", "EXIT");
                runs.forEach(run -> out().println(line(run)));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restart a failed or stopped run from its last checkpoint, with the parameters it had.")
    static class RestartRun extends ServerCommand {

        @Parameters(paramLabel = "ID", description = "The run's execution id (petty jobs list).")
        long executionId;
        @Mixin
        WaitOptions wait;

        @Override
        int call(ServerApi api) {
            ServerApi.Accepted accepted = api.post("/v1/admin/jobs/" + executionId + "/restart",
                    JsonObject.EMPTY_JSON_OBJECT);
            JsonObject run = started(api, accepted, wait, "run " + accepted.body().getJsonNumber("execution_id"));
            out().println(output.json() ? run : line(run));
            return !wait.wait || "COMPLETED".equals(run.getString("status")) ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
    }

    /** A run as one line of the table. */
    static String line(JsonObject run) {
        String seconds = run.containsKey("duration_ms")
                ? String.format(Locale.ROOT, "%.1f", run.getJsonNumber("duration_ms").longValue() / 1000.0)
                : "-";
        return String.format(Locale.ROOT, "%-8d %-20s %-10s %-22s %10s  %s",
                run.getJsonNumber("execution_id").longValue(), run.getString("job"), run.getString("status"),
                run.getString("started_at", "-"), seconds, run.getString("exit_status", "-"));
    }
}
