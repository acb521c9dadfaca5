package it.io.petty;

import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.telemetry.Reading;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static it.io.petty.PettyHttp.postJson;

/** Sending a collar's readings as it would, and waiting for the behavior engine to have analysed them. */
public final class Behavior {

    private Behavior() {
    }

    /** A reading in the collar format. */
    public static String json(Reading reading) {
        StringBuilder json = new StringBuilder(200).append("{\"collar_id\": \"").append(reading.collarId())
                .append("\", \"timestamp\": \"").append(reading.timestamp()).append("\", \"heart_rate\": ")
                .append(reading.heartRate()).append(", \"activity_level\": ").append(reading.activityLevel().code());
        if (reading.location() != null) {
            json.append(String.format(Locale.ROOT, ", \"location\": {\"type\": \"Point\", \"coordinates\": [%.6f, %.6f]}",
                    reading.location().lon(), reading.location().lat()));
        }
        return json.append('}').toString();
    }

    /** Sends the readings in batches of {@code size}, in the order given; every batch must be stored. */
    public static void send(Fleet.Collar collar, List<Reading> readings, int size) {
        for (int from = 0; from < readings.size(); from += size) {
            List<String> batch = new ArrayList<>();
            readings.subList(from, Math.min(readings.size(), from + size)).forEach(reading -> batch.add(json(reading)));
            HttpResponse<String> stored = postJson("/v1/ingest", Readings.batch(batch), collar.deviceToken());
            if (stored.statusCode() != 201 && stored.statusCode() != 200) {
                throw new AssertionError("batch at " + from + ": " + stored.statusCode() + " " + stored.body());
            }
        }
    }

    /**
     * Waits until the engine has analysed every reading the collar's acknowledged ingests stored, and stored what
     * it found: also the growth of open events that a pass left for the refresh (the test server's
     * {@code petty.behavior.refresh} is a second).
     */
    public static void awaitAnalysed(String collarId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (TestDatabase.count("SELECT count(*) FROM analysis_backlog WHERE collar_id = '" + collarId + "'") > 0
                || TestDatabase.count("SELECT count(*) FROM analysis_cursor WHERE collar_id = '" + collarId
                + "' AND stale_since IS NOT NULL") > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("readings of " + collarId + " not analysed within " + timeout);
            }
            PettyHttp.pause();
        }
    }

    /** The body of {@code POST /v1/admin/reanalysis} over the pets' local days {@code from} to {@code to}. */
    public static String reanalysisOf(LocalDate from, LocalDate to) {
        return "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}";
    }

    /** A re-analysis of those days started by {@code admin} and followed to its end: the run as it ended. */
    public static JsonObject reanalyse(Fleet.Owner admin, LocalDate from, LocalDate to) {
        return Accepted.untilEnded(postJson("/v1/admin/reanalysis", reanalysisOf(from, to), admin.accessToken()),
                admin.accessToken());
    }

    /** The collar's stored events as the engine found them, with the owner's verdicts, in start order. */
    public static List<String> storedEvents(String collarId) {
        return TestDatabase.rows("SELECT id, kind, behavior, started_at, ended_at, confidence, distance_m, detector,"
                + " detector_version, evidence, open, owner_verdict FROM behavior_event WHERE collar_id = '"
                + collarId + "' ORDER BY started_at, id");
    }

    /** The collar's stored day summaries. */
    public static List<String> storedDays(String collarId) {
        return TestDatabase.rows("SELECT pet_id, day, unit_start, data_points, heart_rate_sum, heart_rate_min,"
                + " heart_rate_max, active_ms, rest_ms, distance_m FROM behavior_day WHERE collar_id = '" + collarId
                + "' ORDER BY unit_start");
    }

    /** What the engine finds in a unit's readings by itself, as {@link #shownEvents} puts a timeline's events. */
    public static Set<String> expectedEvents(List<Reading> unit) {
        Set<String> events = new TreeSet<>();
        for (DetectedEvent event : BehaviorEngine.ofRules().analyse(unit)) {
            events.add(event.start() + " " + event.end() + " " + event.behavior() + " " + event.confidence());
        }
        return events;
    }

    /** A timeline's events by their start, end, behavior and confidence. */
    public static Set<String> shownEvents(JsonObject timeline) {
        Set<String> events = new TreeSet<>();
        for (JsonValue value : timeline.getJsonArray("timeline")) {
            JsonObject event = value.asJsonObject();
            events.add(Instant.parse(event.getString("start")) + " " + Instant.parse(event.getString("end")) + " "
                    + event.getString("behavior") + " " + event.getJsonNumber("confidence").doubleValue());
        }
        return events;
    }

    public static JsonObject timeline(Fleet.Collar collar, String date) {
        HttpResponse<String> timeline = PettyHttp.get("/v1/pet-timeline?collar_id=" + collar.id()
                + (date == null ? "" : "&date=" + date), collar.owner().accessToken());
        if (timeline.statusCode() != 200) {
            throw new AssertionError("timeline: " + timeline.statusCode() + " " + timeline.body());
        }
        return PettyHttp.json(timeline);
    }
}
