package io.petty.cli.model;

import io.petty.cli.ExitCode;
import io.petty.cli.OutputOption;
import io.petty.domain.motion.MotionModel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.tribuo.Tribuo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code petty model}: the motion classifier, from labeled data to the model every server serves. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Train, evaluate, store and activate the motion classifier; export owners' corrections.",
        subcommands = {ModelCommand.Evaluate.class, ModelCommand.Train.class, ModelStoreCommands.Import.class,
                ModelStoreCommands.Activate.class, ModelStoreCommands.ListModels.class,
                ModelStoreCommands.FeedbackExport.class})
public class ModelCommand {

    /** What the model subcommands share: where to print, and the messages of bad data. */
    abstract static class ModelSubcommand implements Callable<Integer> {
        /** Tribuo logs every thousand training steps at INFO; a report is what the operator came for. */
        private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Override
        public Integer call() throws IOException {
            TRIBUO.setLevel(Level.WARNING);
            try {
                return run();
            } catch (IllegalArgumentException e) {
                err().println("petty: " + e.getMessage());
                return ExitCode.USAGE;
            }
        }

        abstract int run() throws IOException;
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Evaluate the model families and a linear-discriminant baseline on labeled data: leave one "
                    + "subject out when there are several, else each recording's first 70 % trains and its last "
                    + "30 % tests.")
    static class Evaluate extends ModelSubcommand {
        @Mixin
        TrainingData training;
        @Mixin
        OutputOption output;
        @Option(names = "--matrix", description = "Also draw the confusion matrix into this SVG file.")
        Path matrix;

        @Override
        int run() throws IOException {
            TrainingData.Loaded loaded = training.load();
            Evaluation.Report report = new Evaluation(loaded.windows(), loaded.labels(), loaded.settings()).run();
            JsonObject json = Evaluation.json(report);
            if (matrix != null) {
                Files.writeString(matrix, ConfusionMatrixPicture.svg(report.bestResult().smoothed(),
                        report.best().label() + ", " + report.split() + ": accuracy "
                                + percent(report.bestResult().smoothed().accuracy())), StandardCharsets.UTF_8);
            }
            if (output.json()) {
                out().println(json);
            } else {
                EvaluationText.print(report, out());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the motion classifier on labeled data: evaluate every family as 'model evaluate' "
                    + "does, keep the best one the server can run, train it on all the data and write the model "
                    + "artifact with its provenance and evaluation.")
    static class Train extends ModelSubcommand {
        @Mixin
        TrainingData training;
        @Option(names = "--out", required = true, description = "The model artifact to write (a .zip).")
        Path artifact;

        @Override
        int run() throws IOException {
            long started = System.nanoTime();
            TrainingData.Loaded loaded = training.load();
            Evaluation evaluation = new Evaluation(loaded.windows(), loaded.labels(), loaded.settings());
            Evaluation.Report report = evaluation.run();
            Family family = report.best();
            JsonObject description = Json.createObjectBuilder()
                    .add("model", Json.createObjectBuilder().add("library", "tribuo").add("family", family.label())
                            .add("parameters", family.parameters(loaded.settings().features().size()))
                            .add("seed", loaded.settings().seed()))
                    .add("provenance", provenance(loaded))
                    .add("metrics", Evaluation.json(report))
                    .build();
            MotionModel model = evaluation.train(family, description, Instant.now());
            Files.write(artifact, model.toArtifact());
            double seconds = (System.nanoTime() - started) / 1e9;
            out().printf("Model %s (%s, %d labels) written to %s in %.1f s.%n", model.version(), family.label(),
                    model.labels().size(), artifact, seconds);
            out().printf("Evaluation (%s): accuracy %s, macro-F1 %s; linear baseline %s.%n", report.split(),
                    percent(report.bestResult().smoothed().accuracy()),
                    percent(report.bestResult().smoothed().macroF1()), percent(report.baseline().accuracy()));
            return ExitCode.OK;
        }

        private JsonObjectBuilder provenance(TrainingData.Loaded loaded) throws IOException {
            JsonObjectBuilder windows = Json.createObjectBuilder();
            for (Map.Entry<String, Integer> count : loaded.windows().counts(
                    loaded.windows().whole().train()).entrySet()) {
                windows.add(count.getKey(), count.getValue());
            }
            String petty = ModelCommand.class.getPackage().getImplementationVersion();
            return Json.createObjectBuilder()
                    .add("data_fingerprint", "sha256:" + TrainingData.fingerprint(loaded.data().files()))
                    .add("data_files", Json.createArrayBuilder(loaded.data().files().stream()
                            .map(file -> file.getFileName().toString()).toList()))
                    .add("samples", loaded.data().samples())
                    .add("recordings", loaded.data().recordings().size())
                    .add("subjects", loaded.windows().subjects().size())
                    .add("hz", Json.createArrayBuilder(loaded.data().recordings().stream().map(Recording::hz)
                            .distinct().sorted().toList()))
                    .add("windows", windows)
                    .add("libraries", Json.createObjectBuilder().add("tribuo", Tribuo.VERSION)
                            .add("java", System.getProperty("java.version"))
                            .add("petty", petty == null ? "development build" : petty));
        }
    }

    static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
    }
}
