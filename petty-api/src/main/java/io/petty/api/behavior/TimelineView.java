package io.petty.api.behavior;

import io.petty.api.alerts.AlertView;
import io.petty.domain.alerts.Alert;
import io.petty.domain.behavior.BehaviorEvent;
import io.petty.domain.behavior.DaySummary;
import io.petty.domain.behavior.Timeline;
import io.petty.domain.feedback.Feedback;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /v1/pet-timeline}'s answer: the day's events (sessions and behaviors, by start), the alert episodes
 * open at any time of the day (by opening), the day in numbers and how it was made. The names the original app reads
 * ({@code event_id}, {@code behavior}, {@code timestamp}) are kept.
 */
public record TimelineView(String collarId, UUID petId, LocalDate date, String timeZone, List<Event> timeline,
                           List<AlertView> alerts, Summary summary, Metadata metadata) {

    /** Made once: {@code Json.create…} looks the provider up on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    /** One event; {@code timestamp} is its start, as the original app reads it. */
    public record Event(UUID eventId, String behavior, Instant start, Instant end, Instant timestamp, double confidence,
                        String source, JsonObject metadata) {
    }

    /** The day in numbers; the minutes and distance are the sessions'. */
    public record Summary(double activeMinutes, double restMinutes, double distanceKm, HeartRate heartRate,
                          int dataPoints) {
    }

    /** Of the day's readings; empty on a day without any. */
    public record HeartRate(Double avg, Integer min, Integer max) {
    }

    public record Metadata(int behaviorsDetected, double averageConfidence, Instant generatedAt, String modelVersion) {
    }

    /**
     * @param feedback the newest feedback on each event that has any
     * @param alerts   the episodes open at any time of the day
     */
    public static TimelineView of(Timeline timeline, Map<UUID, Feedback> feedback, List<Alert> alerts) {
        List<Event> events = timeline.events().stream().map(event -> event(event, timeline, feedback.get(event.id())))
                .toList();
        DaySummary day = timeline.summary();
        HeartRate heartRate = day.dataPoints() == 0 ? new HeartRate(null, null, null)
                : new HeartRate(round(day.heartRateMean(), 1), day.heartRateMin(), day.heartRateMax());
        Summary summary = new Summary(round(day.activeMillis() / 60_000.0, 1), round(day.restMillis() / 60_000.0, 1),
                round(day.distanceM() / 1_000, 3), heartRate, day.dataPoints());
        double confidence = events.stream().mapToDouble(Event::confidence).average().orElse(0);
        Metadata metadata = new Metadata(events.size(), round(confidence, 3), timeline.generatedAt(),
                timeline.engineVersion());
        return new TimelineView(timeline.collarId(), timeline.petId(), timeline.date(), timeline.zone().getId(), events,
                alerts.stream().map(AlertView::of).toList(), summary, metadata);
    }

    private static Event event(BehaviorEvent event, Timeline timeline, Feedback feedback) {
        JsonObjectBuilder metadata;
        try (JsonReader evidence = READERS.createReader(new StringReader(event.evidenceJson()))) {
            metadata = BUILDERS.createObjectBuilder(evidence.readObject());
        }
        metadata.add("kind", event.kind().name().toLowerCase(Locale.ROOT));
        metadata.add("detector", event.detector());
        metadata.add("detector_version", event.detectorVersion());
        metadata.add("ongoing", timeline.ongoing(event));
        if (feedback != null) {
            metadata.add("feedback", feedback(event, feedback));
        }
        String source = timeline.source(event);
        if (event.correctedBehavior() != null) {
            metadata.add("detected_behavior", event.behavior());
            source = "owner";
        }
        return new Event(event.id(), event.shownBehavior(), event.start(), event.end(), event.start(),
                round(event.confidence(), 3), source, metadata.build());
    }

    /** The owner's word on the event: the verdict that stands, and the newest note, as text that stays text. */
    private static JsonObject feedback(BehaviorEvent event, Feedback latest) {
        JsonObjectBuilder json = BUILDERS.createObjectBuilder();
        if (event.verdict() != null) {
            json.add("verdict", event.verdict().code());
        }
        if (event.correctedBehavior() != null) {
            json.add("corrected_behavior", event.correctedBehavior());
        }
        if (latest.note() != null) {
            json.add("note", latest.note());
        }
        return json.add("submitted_at", latest.submittedAt().toString()).build();
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
