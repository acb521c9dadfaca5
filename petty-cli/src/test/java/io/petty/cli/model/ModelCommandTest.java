package io.petty.cli.model;

import io.petty.cli.ExitCode;
import io.petty.cli.Petty;
import io.petty.domain.motion.MotionModel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelCommandTest {

    /** The shared labeled dog data, beside the clone in CI; absent from a user's fresh clone. */
    private static final Path DOG_DATA = Path.of("../../shared/datasets/dog-collar-imu");

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        JsonObject json() {
            return Json.createReader(new StringReader(out)).readObject();
        }
    }

    static Run petty(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Petty.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void evaluateLeavesOneSubjectOutOnDataWithLabelsItHasNeverSeen() throws IOException {
        Path data = SyntheticCollarData.write(dir.resolve("new-animal.csv"), 3, 24, true, true);
        Path picture = dir.resolve("matrix.svg");
        Run run = petty("model", "evaluate", "--data", data.toString(), "--families", "random-forest,logistic-regression",
                "--output", "json", "--matrix", picture.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonObject report = run.json();
        assertTrue(report.keySet().containsAll(Set.of("accuracy", "macro_f1", "per_class", "confusion_matrix",
                "baseline", "split")), report.keySet().toString());
        assertEquals("leave-one-subject-out", report.getJsonObject("split").getString("kind"));
        assertEquals(3, report.getJsonObject("split").getJsonArray("folds").size());
        assertEquals(SyntheticCollarData.LABELS, report.getJsonObject("confusion_matrix").getJsonArray("labels")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(Set.copyOf(SyntheticCollarData.LABELS), report.getJsonObject("per_class").keySet());
        assertTrue(report.getJsonNumber("accuracy").doubleValue() >= 0.9, report.toString());
        assertTrue(report.getJsonObject("per_class").getJsonObject("shaking").containsKey("recall"));
        assertEquals("linear-discriminant", report.getJsonObject("baseline").getString("model"));
        assertEquals("random-forest", report.getString("model"));
        String svg = Files.readString(picture);
        assertTrue(svg.startsWith("<svg") && svg.contains(">trotting<"), svg);
    }

    @Test
    void evaluateSplitsEachRecordingInTimeWithoutSubjectsAndPrintsATable() throws IOException {
        Path data = SyntheticCollarData.write(dir.resolve("one-dog.csv"), 1, 40, false, false);
        Run run = petty("model", "evaluate", "--data", data.toString(), "--hz", "25", "--families", "random-forest");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Split: time-ordered (1 folds)"), run.out());
        assertTrue(run.out().contains("linear-discriminant"), run.out());
        assertTrue(run.out().contains("Confusion matrix (rows: true, columns: predicted):"), run.out());
    }

    @Test
    void badDataOrOptionsAreNamed() throws IOException {
        Path data = SyntheticCollarData.write(dir.resolve("no-time.csv"), 1, 10, false, false);
        Run noRate = petty("model", "evaluate", "--data", data.toString());
        assertEquals(ExitCode.USAGE, noRate.exitCode());
        assertEquals("petty: no-time.csv has no t column: give the sampling rate with --hz\n", noRate.err());
        Run family = petty("model", "evaluate", "--data", data.toString(), "--hz", "25", "--families", "svm");
        assertEquals(ExitCode.USAGE, family.exitCode());
        assertTrue(family.err().contains("unknown model family 'svm'"), family.err());
        Run missing = petty("model", "train", "--data", dir.resolve("nothing").toString(), "--out", "x.zip");
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());
    }

    @Test
    void trainWritesAVersionedArtifactWithItsProvenance() throws IOException {
        Path data = SyntheticCollarData.write(dir.resolve("dogs.csv"), 2, 24, true, true);
        Path artifact = dir.resolve("model.zip");
        Run run = petty("model", "train", "--data", data.toString(), "--families", "random-forest,extra-trees",
                "--out", artifact.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        MotionModel model = MotionModel.fromArtifact(Files.readAllBytes(artifact));
        assertTrue(run.out().startsWith("Model " + model.version() + " ("), run.out());
        assertEquals(SyntheticCollarData.LABELS, model.labels());
        JsonObject provenance = model.manifest().getJsonObject("provenance");
        assertTrue(provenance.getString("data_fingerprint").matches("sha256:[0-9a-f]{64}"));
        assertEquals("4.3.2", provenance.getJsonObject("libraries").getString("tribuo"));
        assertEquals(25, provenance.getJsonArray("hz").getInt(0));
        assertEquals("leave-one-subject-out", model.metrics().getJsonObject("split").getString("kind"));
        assertTrue(Set.of("random-forest", "extra-trees").contains(model.manifest().getJsonObject("model")
                .getString("family")));
    }

    @Test
    void theSharedDogDataMeetsItsTargetOnATimeOrderedSplit() {
        assumeTrue(Files.isDirectory(DOG_DATA), "../shared/datasets/dog-collar-imu is absent (a fresh clone): skipped");
        Run run = petty("model", "evaluate", "--data", DOG_DATA.toString(), "--hz", "50", "--families",
                "random-forest", "--output", "json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonObject report = run.json();
        assertEquals("time-ordered", report.getJsonObject("split").getString("kind"));
        assertTrue(report.getJsonNumber("accuracy").doubleValue() >= 0.92, report.toString());
        assertEquals(5, report.getJsonObject("per_class").size());
        assertTrue(report.getJsonNumber("accuracy").doubleValue()
                >= report.getJsonObject("baseline").getJsonNumber("accuracy").doubleValue() + 0.05);
    }
}
