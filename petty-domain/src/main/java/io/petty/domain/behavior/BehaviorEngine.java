package io.petty.domain.behavior;

import io.petty.domain.behavior.rules.ActivitySessions;
import io.petty.domain.behavior.rules.AnxiousPacing;
import io.petty.domain.behavior.rules.DeepSleep;
import io.petty.domain.behavior.rules.PlayingFetch;
import io.petty.domain.telemetry.Reading;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The detectors and the settings they share. Analysis is by unit: the readings of one collar on one pet during one
 * local day of the pet. Units are independent of each other, so a late reading changes only its own unit, and a
 * unit's events depend only on its readings: the same readings, however they arrived, give the same events.
 */
public final class BehaviorEngine {

    /**
     * @param maxGap   readings further apart than this are not contiguous: nothing (session, behavior, distance)
     *                 spans the silence
     * @param maxSpeed metres per second beyond which a change of position is a GPS jump, not movement
     */
    public record Settings(Duration maxGap, double maxSpeed) {

        /** Five minutes; 60 km/h, faster than any dog runs. */
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(5), 60 / 3.6);

        public Settings {
            Objects.requireNonNull(maxGap, "maxGap is required.");
            if (maxGap.isNegative() || maxGap.isZero() || !(maxSpeed > 0)) {
                throw new IllegalArgumentException("the gap and the speed limit must be positive");
            }
        }
    }

    private final Settings settings;
    private final List<Detector> detectors;
    private final String version;
    /**
     * What a snapshot starts with to say which engine wrote it: the version's fingerprint, 8 bytes where the version
     * itself is about a hundred, in every cursor saved (a fifth of its size).
     */
    private final long snapshotTag;

    public BehaviorEngine(Settings settings, List<Detector> detectors) {
        this.settings = Objects.requireNonNull(settings, "settings is required.");
        this.detectors = List.copyOf(detectors);
        this.version = this.detectors.stream().map(d -> d.name() + "@" + d.version()).collect(Collectors.joining(","))
                + ";gap=" + settings.maxGap().toSeconds() + "s;speed=" + settings.maxSpeed();
        this.snapshotTag = UUID.nameUUIDFromBytes(version.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    /** The original system's three behaviors, made exact, and the walk, play and rest sessions. */
    public static BehaviorEngine ofRules() {
        return ofRulesAnd();
    }

    /** The rule detectors and more, such as the motion classifier, with the default settings. */
    public static BehaviorEngine ofRulesAnd(Detector... more) {
        List<Detector> detectors = new ArrayList<>(List.of(new ActivitySessions(), new DeepSleep(),
                new AnxiousPacing(), new PlayingFetch()));
        detectors.addAll(List.of(more));
        return new BehaviorEngine(Settings.DEFAULT, detectors);
    }

    public Settings settings() {
        return settings;
    }

    public List<Detector> detectors() {
        return detectors;
    }

    /** Every detector's name and version and the settings: what the events of a unit were made by. */
    public String version() {
        return version;
    }

    /** Every behavior some detector can report. */
    public Set<String> behaviors() {
        Set<String> behaviors = new LinkedHashSet<>();
        detectors.forEach(detector -> behaviors.addAll(detector.behaviors()));
        return behaviors;
    }

    /** A new unit. */
    public UnitAnalysis start() {
        return new UnitAnalysis(this, detectors.stream().map(Detector::start).toList());
    }

    /**
     * A unit continuing from its {@link UnitAnalysis#snapshot()}; empty when other detectors or settings wrote it
     * (then the unit is analysed again from its first reading).
     */
    public Optional<UnitAnalysis> restore(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readLong() != snapshotTag) {
                return Optional.empty();
            }
            List<Detection> detections = new ArrayList<>(detectors.size());
            UnitAnalysis restored = new UnitAnalysis(this, detections);
            restored.readFrom(in);
            for (Detector detector : detectors) {
                detections.add(detector.restore(in));
            }
            return Optional.of(restored);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read an analysis snapshot", e);
        }
    }

    /** The events of a whole unit, its readings given in timestamp order. */
    public List<DetectedEvent> analyse(Iterable<Reading> readings) {
        List<DetectedEvent> events = new ArrayList<>();
        UnitAnalysis unit = start();
        readings.forEach(reading -> unit.accept(reading, events::add));
        unit.finish(events::add);
        return events;
    }

    long snapshotTag() {
        return snapshotTag;
    }

    Track newTrack() {
        return new Track(settings.maxGap().toNanos() / 1_000, settings.maxSpeed());
    }
}
