package io.petty.cli.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Labeled collar data no model has seen, with labels of its own: trotting (a 3 Hz bounce), resting (still, tilted as
 * the subject wears its collar) and shaking (an 8 Hz twist), for subjects that each move a little differently.
 */
final class SyntheticCollarData {

    static final List<String> LABELS = List.of("resting", "shaking", "trotting");
    static final int HZ = 25;

    private SyntheticCollarData() {
    }

    /** One file; with a subject column and a t column when asked. */
    static Path write(Path file, int subjects, int secondsPerLabel, boolean withSubject, boolean withTime)
            throws IOException {
        StringBuilder csv = new StringBuilder((withSubject ? "subject," : "") + (withTime ? "t," : "")
                + "ax,ay,az,wx,wy,wz,note,label\n");
        Random random = new Random(subjects * 31L + secondsPerLabel);
        for (int s = 0; s < subjects; s++) {
            double tilt = 0.1 * s;
            double vigour = 0.8 + 0.2 * s;
            double t = 0;
            for (int repeat = 0; repeat < 2; repeat++) {
                for (String label : LABELS) {
                    for (int i = 0; i < secondsPerLabel * HZ / 2; i++, t += 1.0 / HZ) {
                        double phase = 2 * Math.PI * t;
                        double ax = tilt + noise(random);
                        double az = 1 + noise(random);
                        double gx = noise(random) * 3;
                        switch (label) {
                            case "trotting" -> {
                                az += 0.5 * vigour * Math.sin(3 * phase);
                                gx += 30 * vigour * Math.sin(3 * phase + 1);
                            }
                            case "shaking" -> {
                                ax += 0.8 * vigour * Math.sin(8 * phase);
                                gx += 200 * vigour * Math.cos(8 * phase);
                            }
                            default -> {
                            }
                        }
                        if (withSubject) {
                            csv.append("dog-").append(s).append(',');
                        }
                        if (withTime) {
                            csv.append(String.format(Locale.ROOT, "%.4f,", t));
                        }
                        csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.3f,%.3f,%.3f,x,%s%n", ax,
                                noise(random), az, gx, noise(random), noise(random), label));
                    }
                }
            }
        }
        Files.writeString(file, csv);
        return file;
    }

    private static double noise(Random random) {
        return 0.05 * random.nextGaussian();
    }
}
