package io.petty.domain.behavior;

import io.petty.domain.behavior.rules.ActivitySessions;
import io.petty.domain.behavior.rules.AnxiousPacing;
import io.petty.domain.behavior.rules.DeepSleep;
import io.petty.domain.behavior.rules.PlayingFetch;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.SampleDay;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BehaviorEngineTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-11-25T00:00:00Z");
    private static final List<Reading> DAY = SampleDay.readings(MIDNIGHT);
    private final BehaviorEngine engine = BehaviorEngine.ofRules();

    @Test
    void theSampleDayShowsEveryBehaviorItWasWrittenWith() {
        Map<String, Long> found = engine.analyse(DAY).stream()
                .collect(Collectors.groupingBy(DetectedEvent::behavior, Collectors.counting()));

        assertEquals(SampleDay.READINGS, DAY.size());
        assertEquals(1, found.get(PlayingFetch.PLAYING_FETCH), found.toString());
        assertEquals(1, found.get(AnxiousPacing.ANXIOUS_PACING), found.toString());
        assertTrue(found.get(DeepSleep.DEEP_SLEEP) >= 4, found.toString());
        assertTrue(found.get(ActivitySessions.WALK) >= 2, found.toString());
        assertTrue(found.get(ActivitySessions.REST) >= 4, found.toString());
    }

    @Test
    void analysingInPiecesWithSnapshotsBetweenGivesTheSameEventsAsAtOnce() {
        List<DetectedEvent> atOnce = engine.analyse(DAY);
        SplittableRandom random = new SplittableRandom(7);

        List<DetectedEvent> inPieces = new ArrayList<>();
        UnitAnalysis unit = engine.start();
        for (int i = 0; i < DAY.size(); i++) {
            unit.accept(DAY.get(i), inPieces::add);
            if (random.nextInt(50) == 0) {
                unit.provisional(event -> { });
                unit = engine.restore(unit.snapshot()).orElseThrow();
            }
        }
        unit.finish(inPieces::add);

        assertEquals(atOnce, inPieces);
    }

    @Test
    void theProvisionalEventsAreWhatFinishingNowWouldGive() {
        UnitAnalysis unit = engine.start();
        DAY.subList(0, 4_000).forEach(reading -> unit.accept(reading, event -> { }));
        List<DetectedEvent> provisional = new ArrayList<>();
        DaySummary provisionalSummary = unit.provisional(provisional::add);

        List<DetectedEvent> finished = new ArrayList<>();
        unit.finish(finished::add);

        assertEquals(finished, provisional);
        assertEquals(unit.summary(), provisionalSummary);
    }

    @Test
    void theOpenStartsChangeExactlyWhenTheProvisionalEventsBeginOrEndOrChangeBehavior() {
        UnitAnalysis unit = engine.start();
        List<String> before = List.of();
        long[] startsBefore = unit.openStarts();
        int changes = 0;
        for (Reading reading : DAY) {
            unit.accept(reading, event -> { });
            List<String> open = new ArrayList<>();
            unit.provisional(event -> open.add(event.detector() + " " + event.behavior() + " " + event.start()));
            long[] starts = unit.openStarts();
            boolean changed = !open.equals(before);
            assertEquals(changed, !Arrays.equals(starts, startsBefore),
                    "at " + reading.timestamp() + ": " + before + " -> " + open);
            changes += changed ? 1 : 0;
            before = open;
            startsBefore = starts;
        }
        // Every session and behavior of the day opened and closed once: far fewer changes than readings.
        assertTrue(changes > 20 && changes < DAY.size() / 10, changes + " changes");
    }

    @Test
    void theSummaryAddsUpWithTheSessions() {
        UnitAnalysis unit = engine.start();
        List<DetectedEvent> events = new ArrayList<>();
        DAY.forEach(reading -> unit.accept(reading, events::add));
        unit.finish(events::add);
        DaySummary summary = unit.summary();

        Function<String, Long> millisOf = behavior -> events.stream().filter(e -> e.behavior().equals(behavior))
                .mapToLong(e -> Duration.between(e.start(), e.end()).toMillis()).sum();
        assertEquals(DAY.size(), summary.dataPoints());
        assertEquals(millisOf.apply(ActivitySessions.REST), summary.restMillis());
        assertEquals(millisOf.apply(ActivitySessions.WALK) + millisOf.apply(ActivitySessions.PLAY), summary.activeMillis());
        assertEquals(events.stream().filter(e -> e.distanceM() != null).mapToDouble(DetectedEvent::distanceM).sum(),
                summary.distanceM(), 1e-6);
        assertEquals(DAY.stream().mapToInt(Reading::heartRate).min().orElseThrow(), summary.heartRateMin());
        assertEquals(DAY.stream().mapToInt(Reading::heartRate).max().orElseThrow(), summary.heartRateMax());
        assertTrue(summary.distanceM() > 2_000 && summary.distanceM() < 20_000, "two walks and a game: " + summary);
    }

    @Test
    void theStateStaysSmallHoweverManyReadingsItHasSeen() {
        UnitAnalysis unit = engine.start();
        DAY.forEach(reading -> unit.accept(reading, event -> { }));

        assertTrue(unit.snapshot().length < 512, unit.snapshot().length + " bytes");
    }

    @Test
    void aSnapshotWrittenByOtherDetectorsOrSettingsIsNotRestored() {
        UnitAnalysis unit = engine.start();
        DAY.subList(0, 100).forEach(reading -> unit.accept(reading, event -> { }));

        BehaviorEngine fewer = new BehaviorEngine(BehaviorEngine.Settings.DEFAULT, List.of(new DeepSleep()));
        BehaviorEngine longerGap = new BehaviorEngine(new BehaviorEngine.Settings(Duration.ofMinutes(10), 60 / 3.6),
                engine.detectors());
        assertTrue(fewer.restore(unit.snapshot()).isEmpty());
        assertTrue(longerGap.restore(unit.snapshot()).isEmpty());
        assertTrue(engine.restore(unit.snapshot()).isPresent());
    }

    @Test
    void readingsMustComeInTimestampOrder() {
        UnitAnalysis unit = engine.start();
        unit.accept(DAY.get(1), event -> { });

        assertThrows(IllegalArgumentException.class, () -> unit.accept(DAY.get(0), event -> { }));
        assertThrows(IllegalArgumentException.class, () -> unit.accept(DAY.get(1), event -> { }));
    }
}
