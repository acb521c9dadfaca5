package io.petty.cli.server;

import io.petty.cli.ExitCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code petty export}: a data subject's archive, started, followed and downloaded (role compliance-officer). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export everything held about a data subject (GDPR Art. 15/20) with the gdpr-export job.",
                "With --wait, follows it and downloads the archive, checking its SHA-256.",
                "Audited with the reason. Exit 1 when the job fails or the download does not match."})
public class ExportCommand extends ServerCommand {

    @Mixin
    SubjectOptions subject;
    @Option(names = "--out", description = "Where to write the archive (default petty-export-<id>.zip).")
    Path file;
    @Mixin
    WaitOptions wait;

    @Override
    int call(ServerApi api) throws IOException {
        ServerApi.Accepted accepted = api.post("/v1/compliance/exports", subject.body());
        String id = accepted.body().getString("id");
        JsonObject export = started(api, accepted, wait, "export " + id);
        if (!wait.wait) {
            out().println(output.json() ? export : "Export " + id + " " + export.getString("status"));
            return ExitCode.OK;
        }
        if (!"COMPLETED".equals(export.getString("status"))) {
            out().println(output.json() ? export : "Export " + id + " " + export.getString("status"));
            return ExitCode.CHECK_FAILED;
        }
        if (!export.containsKey("download_url")) {
            err().println("petty: export " + id + " completed, but its archive can no longer be downloaded");
            return ExitCode.CHECK_FAILED;
        }
        Path archive = file != null ? file : Path.of("petty-export-" + id + ".zip");
        String sha256 = export.getString("sha256");
        if (!api.download(ServerApi.pathOf(export.getString("download_url")), archive, sha256)) {
            err().println("petty: the archive downloaded does not match the export's SHA-256; nothing kept");
            return ExitCode.CHECK_FAILED;
        }
        long bytes = Files.size(archive);
        out().println(output.json() ? Json.createObjectBuilder(export).add("file", archive.toString()).build()
                : "Export " + id + " COMPLETED: " + bytes + " bytes in " + archive + " (SHA-256 " + sha256
                + ", verified)");
        return ExitCode.OK;
    }
}
