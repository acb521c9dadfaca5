package io.petty.cli.model;

import io.petty.domain.motion.WindowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabeledDataTest {

    @TempDir
    Path dir;

    @Test
    void theRateFollowsFromTAndAGapEndsARecording() throws IOException {
        Files.writeString(dir.resolve("a.csv"), """
                t,ax,ay,az,gx,gy,gz,label,extra
                0.00,0,0,1,0,0,0,sit,?
                0.04,0,0,1,0,0,0,sit,?
                0.08,0,0,1,0,0,0,sit,?
                0.12,0,0,1,0,0,0,sit,?
                5.00,0,0,1,0,0,0,walk,?
                5.04,0,0,1,0,0,0,walk,?
                """);
        LabeledCsv.Data data = LabeledCsv.read(dir, null);
        assertEquals(2, data.recordings().size());
        assertEquals(25, data.recordings().get(0).hz());
        assertEquals(4, data.recordings().get(0).samples());
        assertEquals(List.of("sit", "walk"), data.labels());
        assertTrue(data.gyro());
        assertFalse(data.subjects());
    }

    @Test
    void withoutTTheRateIsGivenAndEachFileIsOneRecording() throws IOException {
        Files.writeString(dir.resolve("b.csv"), "ax,ay,az,label\n0,0,1,lie\n0,0,1,lie\n0.1,0,1,stand\n");
        Files.writeString(dir.resolve("c.csv"), "AX,AY,AZ,Label\n0,0,1,lie\n");
        Files.writeString(dir.resolve("notes.txt"), "not data");
        LabeledCsv.Data data = LabeledCsv.read(dir, 50);
        assertEquals(2, data.recordings().size());
        assertEquals(50, data.recordings().get(0).hz());
        assertNull(data.recordings().get(0).gyro());
        IllegalArgumentException noRate = assertThrows(IllegalArgumentException.class,
                () -> LabeledCsv.read(dir, null));
        assertTrue(noRate.getMessage().contains("--hz"), noRate.getMessage());
    }

    @Test
    void badRowsAreNamedByFileAndLine() throws IOException {
        Files.writeString(dir.resolve("d.csv"), "ax,ay,az,label\n0,0,1,lie\n0,zero,1,lie\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabeledCsv.read(dir, 20));
        assertEquals("d.csv:3: 'zero' is not a number", e.getMessage());
        Files.writeString(dir.resolve("d.csv"), "ax,ay,label\n0,0,lie\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabeledCsv.read(dir, 20)).getMessage()
                .contains("needs the columns ax, ay, az"));
    }

    @Test
    void subjectsSplitRecordingsAndTheWindowsNeverMixLabels() throws IOException {
        Path file = SyntheticCollarData.write(dir.resolve("s.csv"), 3, 20, true, true);
        LabeledCsv.Data data = LabeledCsv.read(file, null);
        assertTrue(data.subjects());
        assertEquals(3, data.recordings().size());
        LabeledWindows windows = LabeledWindows.cut(data.recordings(), WindowSpec.DEFAULT);
        for (LabeledWindows.Window w : windows.windows()) {
            String[] labels = data.recordings().get(w.recording()).labels();
            assertTrue(Arrays.stream(labels, w.start(), w.end()).allMatch(w.label()::equals));
        }
        assertEquals(List.of("dog-0", "dog-1", "dog-2"), windows.subjects());
    }

    @Test
    void aTimeOrderedSplitNeverPutsOneSpanOfTimeInBothTrainAndTest() throws IOException {
        Path file = SyntheticCollarData.write(dir.resolve("one.csv"), 1, 30, false, false);
        LabeledWindows windows = LabeledWindows.cut(LabeledCsv.read(file, 25).recordings(), WindowSpec.DEFAULT);
        LabeledWindows.Fold fold = windows.timeOrdered(0.7);
        assertTrue(fold.train().length > 0 && fold.test().length > 0);
        Set<Integer> trainSamples = samples(windows, fold.train());
        Set<Integer> testSamples = samples(windows, fold.test());
        trainSamples.retainAll(testSamples);
        assertEquals(Set.of(), trainSamples, "no sample is both trained and tested on");
        int lastTrained = Arrays.stream(fold.train()).map(i -> windows.window(i).end()).max().orElseThrow();
        int firstTested = Arrays.stream(fold.test()).map(i -> windows.window(i).start()).min().orElseThrow();
        assertTrue(lastTrained <= firstTested, "training precedes testing");
        Set<Integer> fit = samples(windows, fold.fit());
        fit.retainAll(samples(windows, fold.calibrate()));
        assertEquals(Set.of(), fit, "nor is a sample both fitted and calibrated on");
    }

    @Test
    void leaveOneSubjectOutTestsEachSubjectOnAModelThatNeverSawIt() throws IOException {
        Path file = SyntheticCollarData.write(dir.resolve("s.csv"), 3, 10, true, true);
        LabeledWindows windows = LabeledWindows.cut(LabeledCsv.read(file, null).recordings(), WindowSpec.DEFAULT);
        List<LabeledWindows.Fold> folds = windows.leaveOneSubjectOut();
        assertEquals(3, folds.size());
        for (LabeledWindows.Fold fold : folds) {
            assertTrue(Arrays.stream(fold.test()).allMatch(i -> subject(windows, i).equals(fold.name())));
            assertTrue(Arrays.stream(fold.train()).noneMatch(i -> subject(windows, i).equals(fold.name())));
        }
    }

    private static String subject(LabeledWindows windows, int index) {
        return windows.recordings().get(windows.window(index).recording()).subject();
    }

    private static Set<Integer> samples(LabeledWindows windows, int[] indices) {
        Set<Integer> samples = new HashSet<>();
        for (int index : indices) {
            LabeledWindows.Window w = windows.window(index);
            for (int s = w.start(); s < w.end(); s++) {
                samples.add(w.recording() * 1_000_000 + s);
            }
        }
        return samples;
    }
}
