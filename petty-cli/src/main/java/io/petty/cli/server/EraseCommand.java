package io.petty.cli.server;

import io.petty.cli.ExitCode;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petty erase}: a data subject erased (role compliance-officer). */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = {"Erase everything held about a data subject (GDPR Art. 17) with the gdpr-erasure job.",
                "It signs the subject out everywhere, deletes their data and verifies that nothing is left.",
                "It cannot be undone: give --yes.",
                "With --wait, follows it and shows the rows removed per table; exit 1 when it fails."})
public class EraseCommand extends ServerCommand {

    @Mixin
    SubjectOptions subject;
    @Option(names = "--yes", description = "Confirm: the erasure cannot be undone.")
    boolean confirmed;
    @Mixin
    WaitOptions wait;

    @Override
    int call(ServerApi api) {
        if (!confirmed) {
            err().println("petty: an erasure cannot be undone; run again with --yes to erase " + subject.subject);
            return ExitCode.USAGE;
        }
        ServerApi.Accepted accepted = api.post("/v1/compliance/erasures", subject.body());
        String id = accepted.body().getString("id");
        JsonObject erasure = started(api, accepted, wait, "erasure " + id);
        String status = erasure.getString("status");
        if (output.json()) {
            out().println(erasure);
        } else {
            out().println("Erasure " + id + " " + status);
            if (erasure.containsKey("removed")) {
                erasure.getJsonObject("removed").forEach((table, rows) ->
                        out().printf("  %-24s %d%n", table, ((JsonNumber) rows).longValue()));
            }
        }
        return !wait.wait || "COMPLETED".equals(status) ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
