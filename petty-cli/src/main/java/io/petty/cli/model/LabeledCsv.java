package io.petty.cli.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads labeled collar data: one CSV file or a directory of them, with a header naming {@code ax, ay, az} (g) and
 * {@code label}, optionally {@code gx, gy, gz} or {@code wx, wy, wz} (degrees per second), {@code subject} and
 * {@code t} (seconds); other columns are ignored. Rows are in recording order. A recording ends where the file, the
 * subject or the time does: a step in {@code t} of more than twice the usual one (or backwards) is a gap. The rate
 * follows from {@code t}, or is given when there is none.
 */
final class LabeledCsv {

    /** Data without a subject column: each file is a recording of one unnamed subject. */
    static final String NO_SUBJECT = "";

    private LabeledCsv() {
    }

    /** What was read: the recordings, and whether they came with subjects and a gyroscope. */
    record Data(List<Recording> recordings, boolean subjects, boolean gyro, List<Path> files) {

        List<String> labels() {
            return recordings.stream().flatMap(recording -> Arrays.stream(recording.labels())).distinct().sorted()
                    .toList();
        }

        long samples() {
            return recordings.stream().mapToLong(Recording::samples).sum();
        }
    }

    /**
     * @param hz the sampling rate when the data has no {@code t} column; null otherwise
     * @throws IllegalArgumentException naming the file and line of what is wrong
     */
    static Data read(Path data, Integer hz) throws IOException {
        List<Path> files;
        if (Files.isDirectory(data)) {
            try (Stream<Path> listing = Files.list(data)) {
                files = listing.filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT)
                        .endsWith(".csv")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .csv file in " + data);
            }
        } else if (Files.isRegularFile(data)) {
            files = List.of(data);
        } else {
            throw new IllegalArgumentException("no such file or directory: " + data);
        }
        List<Recording> recordings = new ArrayList<>();
        Boolean subjects = null;
        Boolean gyro = null;
        for (Path file : files) {
            FileReading reading = readFile(file, hz);
            if ((subjects != null && subjects != reading.subjects) || (gyro != null && gyro != reading.gyro)) {
                throw new IllegalArgumentException(file.getFileName() + ": every file needs the same columns "
                        + "(subject and gyroscope in all or in none)");
            }
            subjects = reading.subjects;
            gyro = reading.gyro;
            recordings.addAll(reading.recordings);
        }
        return new Data(recordings, subjects, gyro, files);
    }

    private record FileReading(List<Recording> recordings, boolean subjects, boolean gyro) {
    }

    private static FileReading readFile(Path file, Integer givenHz) throws IOException {
        String name = file.getFileName().toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException(name + " is empty");
            }
            Map<String, Integer> columns = new HashMap<>();
            String[] names = header.replace("\uFEFF", "").split(",", -1);
            for (int i = 0; i < names.length; i++) {
                columns.putIfAbsent(names[i].trim().toLowerCase(Locale.ROOT), i);
            }
            int[] accel = required(columns, name, "ax", "ay", "az");
            int label = required(columns, name, "label")[0];
            int[] gyro = optional(columns, "gx", "gy", "gz");
            if (gyro == null) {
                gyro = optional(columns, "wx", "wy", "wz");
            }
            Integer subject = columns.get("subject");
            Integer time = columns.get("t");
            if (time == null && givenHz == null) {
                throw new IllegalArgumentException(name + " has no t column: give the sampling rate with --hz");
            }
            Builder builder = new Builder(name, gyro != null);
            int line = 1;
            for (String row; (row = reader.readLine()) != null; ) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                String[] cells = row.split(",", -1);
                if (cells.length < names.length) {
                    throw new IllegalArgumentException(name + ":" + line + ": " + cells.length + " values, the header has "
                            + names.length);
                }
                String labelValue = cells[label].trim();
                if (labelValue.isEmpty()) {
                    throw new IllegalArgumentException(name + ":" + line + ": no label");
                }
                builder.add(subject == null ? NO_SUBJECT : cells[subject].trim(),
                        time == null ? Double.NaN : number(cells, time, name, line),
                        number(cells, accel[0], name, line), number(cells, accel[1], name, line),
                        number(cells, accel[2], name, line),
                        gyro == null ? 0 : number(cells, gyro[0], name, line),
                        gyro == null ? 0 : number(cells, gyro[1], name, line),
                        gyro == null ? 0 : number(cells, gyro[2], name, line), labelValue.intern(), line);
            }
            return new FileReading(builder.recordings(givenHz), subject != null, gyro != null);
        }
    }

    private static int[] required(Map<String, Integer> columns, String file, String... names) {
        int[] found = optional(columns, names);
        if (found == null) {
            throw new IllegalArgumentException(file + " needs the columns " + String.join(", ", names)
                    + " (has " + String.join(", ", columns.keySet().stream().sorted().toList()) + ")");
        }
        return found;
    }

    private static int[] optional(Map<String, Integer> columns, String... names) {
        int[] found = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            Integer column = columns.get(names[i]);
            if (column == null) {
                return null;
            }
            found[i] = column;
        }
        return found;
    }

    private static double number(String[] cells, int column, String file, int line) {
        try {
            double value = Double.parseDouble(cells[column].trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(file + ":" + line + ": '" + cells[column].trim() + "' is not a number");
    }

    /** Collects a file's rows and cuts them into recordings. */
    private static final class Builder {
        private final String file;
        private final boolean gyro;
        private final List<Row> rows = new ArrayList<>();

        private record Row(String subject, double t, float ax, float ay, float az, float gx, float gy, float gz,
                           String label, int line) {
        }

        Builder(String file, boolean gyro) {
            this.file = file;
            this.gyro = gyro;
        }

        void add(String subject, double t, double ax, double ay, double az, double gx, double gy, double gz,
                 String label, int line) {
            rows.add(new Row(subject, t, (float) ax, (float) ay, (float) az, (float) gx, (float) gy, (float) gz,
                    label, line));
        }

        List<Recording> recordings(Integer givenHz) {
            List<Recording> recordings = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= rows.size(); i++) {
                if (i == rows.size() || !rows.get(i).subject.equals(rows.get(start).subject)) {
                    recordings.addAll(bySilence(start, i, givenHz));
                    start = i;
                }
            }
            return recordings;
        }

        /** One subject's consecutive rows, cut at gaps in time. */
        private List<Recording> bySilence(int from, int to, Integer givenHz) {
            if (Double.isNaN(rows.get(from).t)) {
                return List.of(recording(from, to, givenHz));
            }
            double[] steps = new double[Math.max(0, to - from - 1)];
            for (int i = from + 1; i < to; i++) {
                steps[i - from - 1] = rows.get(i).t - rows.get(i - 1).t;
            }
            double[] sorted = steps.clone();
            Arrays.sort(sorted);
            double usual = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
            if (!(usual > 0)) {
                throw new IllegalArgumentException(file + ":" + rows.get(from).line + ": t does not increase");
            }
            int hz = givenHz != null ? givenHz : (int) Math.round(1 / usual);
            if (hz < 10 || hz > 200) {
                throw new IllegalArgumentException(file + ":" + rows.get(from).line + ": a sampling rate of " + hz
                        + " Hz is outside 10-200 Hz");
            }
            List<Recording> recordings = new ArrayList<>();
            int start = from;
            for (int i = from + 1; i <= to; i++) {
                if (i == to || !(steps[i - from - 1] > 0 && steps[i - from - 1] <= 2 * usual)) {
                    recordings.add(recording(start, i, hz));
                    start = i;
                }
            }
            return recordings;
        }

        private Recording recording(int from, int to, Integer hz) {
            int samples = to - from;
            float[] accel = new float[samples * 3];
            float[] gyros = gyro ? new float[samples * 3] : null;
            String[] labels = new String[samples];
            for (int i = 0; i < samples; i++) {
                Row row = rows.get(from + i);
                accel[i * 3] = row.ax;
                accel[i * 3 + 1] = row.ay;
                accel[i * 3 + 2] = row.az;
                if (gyros != null) {
                    gyros[i * 3] = row.gx;
                    gyros[i * 3 + 1] = row.gy;
                    gyros[i * 3 + 2] = row.gz;
                }
                labels[i] = row.label;
            }
            return new Recording(rows.get(from).subject, file + ":" + rows.get(from).line + "-" + rows.get(to - 1).line,
                    hz, accel, gyros, labels);
        }
    }
}
