package io.petty.cli.server;

import io.petty.cli.ExitCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;

/** {@code petty reanalyse}: the nightly re-analysis over a range of days, now (role admin). */
@Command(name = "reanalyse", mixinStandardHelpOptions = true,
        description = {"Analyse the pets' local days --from to --to again with the detectors and model active now.",
                "This is the nightly-reanalysis job; events owners gave feedback on are kept.",
                "With --wait, follows it; exit 1 when it fails (restart it with petty jobs restart ID)."})
public class ReanalyseCommand extends ServerCommand {

    @Option(names = "--from", required = true, description = "The first day, e.g. 2026-12-01.")
    LocalDate from;
    @Option(names = "--to", required = true, description = "The last day (at most 92 days in all).")
    LocalDate to;
    @Mixin
    WaitOptions wait;

    @Override
    int call(ServerApi api) {
        ServerApi.Accepted accepted = api.post("/v1/admin/reanalysis", Json.createObjectBuilder()
                .add("from", from.toString()).add("to", to.toString()).build());
        long execution = accepted.body().getJsonNumber("execution_id").longValue();
        JsonObject run = started(api, accepted, wait, "nightly-reanalysis " + execution);
        out().println(output.json() ? run : JobsCommand.line(run));
        return !wait.wait || "COMPLETED".equals(run.getString("status")) ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
