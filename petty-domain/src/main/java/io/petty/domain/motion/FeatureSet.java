package io.petty.domain.motion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which features a model reads from a window, by group, for the accelerometer and, when {@code gyro}, the gyroscope
 * too. The groups follow Kumpulainen et al. 2021 (axis statistics, mean crossings, distance from a still-standing
 * mean, quantiles) plus magnitude and frequency features; which of them earn their place is measured by
 * {@code petty model evaluate --features}, and the artifact records the set a model was trained with.
 */
public record FeatureSet(Set<Group> groups, boolean gyro) {

    /** A group of features computed per sensor. */
    public enum Group {
        /** Per axis mean and standard deviation, and the sum of the three deviations (7). */
        AXIS_STATS(7),
        /** Per axis crossings of the window's own mean, per second (3). */
        CROSSINGS(3),
        /** Distance of the window's axis means from those of the pet standing still (1): posture. */
        STILL_DISTANCE(1),
        /** Per axis the 5th, 10th, 25th, 50th, 75th, 90th and 95th percentiles (21). */
        QUANTILES(21),
        /** Of the vector magnitude: mean, standard deviation, minimum and maximum (4). */
        MAGNITUDE(4),
        /**
         * Of the magnitude's spectrum: the dominant frequency, the shares of the energy in 0.5–1.5, 1.5–3, 3–5 and
         * 5–8 Hz, and the spectral entropy (6): the gait's rhythm.
         */
        SPECTRUM(6);

        private final int size;

        Group(int size) {
            this.size = size;
        }

        int size() {
            return size;
        }

        /** As written on a command line and in an artifact: {@code axis-stats}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Group of(String label) {
            for (Group group : values()) {
                if (group.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                    return group;
                }
            }
            throw new IllegalArgumentException("unknown feature group '" + label + "'; the groups are "
                    + Arrays.stream(values()).map(Group::label).collect(Collectors.joining(", ")));
        }
    }

    /** Every group, with the gyroscope when the data has one. */
    public static FeatureSet all(boolean gyro) {
        return new FeatureSet(EnumSet.allOf(Group.class), gyro);
    }

    public FeatureSet {
        Objects.requireNonNull(groups, "groups is required.");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a feature set needs at least one group");
        }
        groups = Collections.unmodifiableSet(EnumSet.copyOf(groups));
    }

    /** Parses {@code axis-stats,quantiles}. */
    public static FeatureSet parse(String groups, boolean gyro) {
        Set<Group> parsed = EnumSet.noneOf(Group.class);
        for (String label : groups.split(",")) {
            if (!label.isBlank()) {
                parsed.add(Group.of(label));
            }
        }
        return new FeatureSet(parsed, gyro);
    }

    /** How many values a window gives. */
    public int size() {
        return groups.stream().mapToInt(Group::size).sum() * (gyro ? 2 : 1);
    }

    /** The features' names, in the order {@link MotionFeatures} writes them: {@code accel.x.mean}. */
    public List<String> names() {
        List<String> names = new ArrayList<>(size());
        for (String sensor : gyro ? List.of("accel", "gyro") : List.of("accel")) {
            for (Group group : groups) {
                switch (group) {
                    case AXIS_STATS -> {
                        for (String axis : AXES) {
                            names.add(sensor + "." + axis + ".mean");
                        }
                        for (String axis : AXES) {
                            names.add(sensor + "." + axis + ".std");
                        }
                        names.add(sensor + ".std-sum");
                    }
                    case CROSSINGS -> {
                        for (String axis : AXES) {
                            names.add(sensor + "." + axis + ".mean-crossings");
                        }
                    }
                    case STILL_DISTANCE -> names.add(sensor + ".still-distance");
                    case QUANTILES -> {
                        for (String axis : AXES) {
                            for (double q : MotionFeatures.QUANTILES) {
                                names.add(sensor + "." + axis + ".q" + Math.round(q * 100));
                            }
                        }
                    }
                    case MAGNITUDE -> {
                        for (String statistic : List.of("mean", "std", "min", "max")) {
                            names.add(sensor + ".magnitude." + statistic);
                        }
                    }
                    case SPECTRUM -> {
                        names.add(sensor + ".spectrum.dominant-hz");
                        for (String band : List.of("0.5-1.5", "1.5-3", "3-5", "5-8")) {
                            names.add(sensor + ".spectrum.share-" + band + "hz");
                        }
                        names.add(sensor + ".spectrum.entropy");
                    }
                }
            }
        }
        return names;
    }

    /** {@code axis-stats,crossings,...}: as {@link #parse} reads it. */
    public String groupLabels() {
        return groups.stream().map(Group::label).collect(Collectors.joining(","));
    }

    private static final List<String> AXES = List.of("x", "y", "z");
}
