package io.petty.cli.model;

import io.petty.cli.DatabaseCommand;
import io.petty.cli.ExitCode;
import io.petty.cli.OutputOption;
import io.petty.cli.SecurityOptions;
import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import io.petty.domain.motion.MotionModel;
import io.petty.domain.motion.MotionModels;
import io.petty.domain.telemetry.MotionWindow;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;

/** The {@code petty model} subcommands that work on the models in the database. */
final class ModelStoreCommands {

    private ModelStoreCommands() {
    }

    /** Activates a stored version and audits it, for {@code import --activate} and {@code activate}. */
    private static void activated(MotionModels models, AuditLog audit, String version, PrintWriter out) {
        models.activate(version, SecurityOptions.operator(), Instant.now());
        audit.record(AuditEvent.MODEL_ACTIVATED, SecurityOptions.operator(), version, "");
        out.printf("Model %s activated: every server serves it within seconds.%n", version);
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Store a model artifact (from 'model train') in the database, where every server can "
                    + "serve it once activated. Audited (model.stored).")
    static class Import extends DatabaseCommand {
        @Mixin
        SecurityOptions security;
        @Parameters(index = "0", description = "The artifact (.zip).")
        Path artifact;
        @Option(names = "--activate", description = "Activate it too.")
        boolean activate;

        @Override
        public Integer call() throws IOException {
            MotionModel model;
            try {
                model = MotionModel.fromArtifact(Files.readAllBytes(artifact));
            } catch (IllegalArgumentException e) {
                err().println("petty: " + artifact + ": " + e.getMessage());
                return ExitCode.USAGE;
            }
            DataSource dataSource = database.dataSource();
            MotionModels models = MotionModels.using(dataSource);
            AuditLog audit = security.auditLog(dataSource);
            boolean stored = models.store(model, SecurityOptions.operator(), Instant.now());
            if (stored) {
                audit.record(AuditEvent.MODEL_STORED, SecurityOptions.operator(), model.version(),
                        String.join(",", model.labels()));
            }
            out().printf("Model %s %s.%n", model.version(), stored ? "stored" : "was stored already");
            if (activate) {
                activated(models, audit, model.version(), out());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Make a stored model the one every server serves (within seconds). Audited "
                    + "(model.activated).")
    static class Activate extends DatabaseCommand {
        @Mixin
        SecurityOptions security;
        @Parameters(index = "0", description = "The version, as 'model list' shows it.")
        String version;

        @Override
        public Integer call() {
            DataSource dataSource = database.dataSource();
            AuditLog audit = security.auditLog(dataSource);
            try {
                activated(MotionModels.using(dataSource), audit, version, out());
            } catch (NoSuchElementException e) {
                err().println("petty: " + e.getMessage() + "; 'petty model list' shows those that are");
                return ExitCode.CHECK_FAILED;
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The stored models, newest first: their evaluation, which one is active, the confidence "
                    + "of what the servers served lately and any open confidence alert.")
    static class ListModels extends DatabaseCommand {
        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            List<MotionModels.Stored> models = MotionModels.using(database.dataSource()).list();
            if (output.json()) {
                JsonArrayBuilder array = Json.createArrayBuilder();
                models.forEach(model -> array.add(json(model)));
                out().println(Json.createObjectBuilder().add("models", array).build());
                return ExitCode.OK;
            }
            if (models.isEmpty()) {
                out().println("No motion model is stored: the servers store the bundled one at their first start.");
                return ExitCode.OK;
            }
            out().printf("%-2s %-21s %-20s %-9s %-9s %-13s %s%n", "", "VERSION", "STORED", "ACCURACY", "MACRO-F1",
                    "CONFIDENCE", "LABELS");
            for (MotionModels.Stored model : models) {
                out().printf(Locale.ROOT, "%-2s %-21s %-20s %-9s %-9s %-13s %s%n", model.active() ? "*" : "",
                        model.version(), model.storedAt().toString().substring(0, 19), metric(model, "accuracy"),
                        metric(model, "macro_f1"), model.confidence() == null ? "-" : String.format(Locale.ROOT,
                                "%.3f (%d)", model.confidence().average(), model.confidence().predictions()),
                        String.join(",", model.labels()));
                if (model.alert() != null) {
                    out().println("   ALERT " + MotionModels.CONFIDENCE_ALERT + ": " + model.alert());
                }
            }
            return ExitCode.OK;
        }

        private static String metric(MotionModels.Stored model, String name) {
            JsonNumber value = model.metrics().getJsonNumber(name);
            return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value.doubleValue());
        }

        private static JsonObjectBuilder json(MotionModels.Stored model) {
            JsonObjectBuilder json = Json.createObjectBuilder().add("version", model.version())
                    .add("created_at", model.createdAt().toString()).add("stored_at", model.storedAt().toString())
                    .add("stored_by", model.storedBy()).add("labels", Json.createArrayBuilder(model.labels()))
                    .add("active", model.active()).add("metrics", model.metrics());
            if (model.activatedAt() != null) {
                json.add("activated_at", model.activatedAt().toString());
            }
            if (model.confidence() != null) {
                json.add("confidence", Json.createObjectBuilder().add("average", model.confidence().average())
                        .add("predictions", model.confidence().predictions()));
            }
            if (model.alert() != null) {
                json.add("alert", Json.createObjectBuilder().add("kind", MotionModels.CONFIDENCE_ALERT)
                        .add("detail", model.alert()));
            }
            return json;
        }
    }

    @Command(name = "feedback-export", mixinStandardHelpOptions = true,
            description = "Turn the owners' corrections of motion events (marked incorrect, with the behavior it "
                    + "was) into labeled CSV for the next 'model train': the motion windows of the readings in each "
                    + "corrected event, labeled with the correction. Pets appear under a pseudonym.")
    static class FeedbackExport extends DatabaseCommand {
        @Option(names = "--out", description = "The CSV file to write (default: standard output).")
        Path file;

        @Override
        public Integer call() throws IOException {
            List<MotionModels.CorrectedWindow> windows = new ArrayList<>();
            MotionModels.using(database.dataSource()).corrections(windows::add);
            boolean gyro = windows.stream().allMatch(window -> window.motion().gyro() != null);
            StringBuilder csv = new StringBuilder("subject,t,ax,ay,az" + (gyro ? ",gx,gy,gz" : "") + ",label\n");
            for (MotionModels.CorrectedWindow window : windows) {
                appendRows(csv, window, gyro);
            }
            if (file == null) {
                out().print(csv);
                out().flush();
            } else {
                Files.writeString(file, csv, StandardCharsets.UTF_8);
            }
            err().printf("%d corrected windows%s.%n", windows.size(), gyro || windows.isEmpty() ? ""
                    : " (some have no gyroscope: exported without it)");
            return ExitCode.OK;
        }

        /** A window's samples, the last one at the reading's time, each earlier by one sampling period. */
        private static void appendRows(StringBuilder csv, MotionModels.CorrectedWindow window, boolean gyro) {
            MotionWindow motion = window.motion();
            String subject = pseudonym(window.petId());
            double end = window.timestamp().getEpochSecond() + window.timestamp().getNano() / 1e9;
            for (int i = 0; i < motion.samples(); i++) {
                csv.append(subject).append(',').append(String.format(Locale.ROOT, "%.4f",
                        end - (double) (motion.samples() - 1 - i) / motion.hz()));
                for (int axis = 0; axis < 3; axis++) {
                    csv.append(',').append(motion.accel()[i * 3 + axis]);
                }
                if (gyro) {
                    for (int axis = 0; axis < 3; axis++) {
                        csv.append(',').append(motion.gyro()[i * 3 + axis]);
                    }
                }
                csv.append(',').append(window.behavior()).append('\n');
            }
        }

        /** The pet's id hashed: whose windows belong together, without naming the pet (training needs no more). */
        static String pseudonym(UUID petId) {
            return "pet-" + MotionModel.fingerprint(petId.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        }
    }
}
