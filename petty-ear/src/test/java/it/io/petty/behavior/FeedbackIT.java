package it.io.petty.behavior;

import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Owners' feedback on their pets' events: stored with its note redacted, shown on the timeline, kept by re-analysis. */
class FeedbackIT {

    private static final Duration ANALYSIS = Duration.ofSeconds(60);
    private static final Instant START = LocalDate.now(ZoneOffset.UTC).minusDays(2).atTime(9, 0).toInstant(ZoneOffset.UTC);

    /** A collar whose dog rested a minute, walked six minutes and rested again, analysed. */
    private static Fleet.Collar walkedDog() {
        Fleet.Collar collar = Fleet.newCollar();
        List<Reading> morning = ReadingScript.forCollar(ReadingScript.startingAt(START).rest(6, 75).walk(36, 95, 12, 0)
                .rest(6, 75).readings(), collar.id());
        Behavior.send(collar, morning, 100);
        Behavior.awaitAnalysed(collar.id(), ANALYSIS);
        return collar;
    }

    private static JsonObject timeline(Fleet.Collar collar) {
        return Behavior.timeline(collar, LocalDate.ofInstant(START, ZoneOffset.UTC).toString());
    }

    private static JsonObject event(Fleet.Collar collar, String behavior) {
        return timeline(collar).getJsonArray("timeline").stream().map(JsonValue::asJsonObject)
                .filter(event -> event.getString("behavior").equals(behavior)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + behavior + " in " + timeline(collar)));
    }

    private static HttpResponse<String> submit(Fleet.Collar collar, String body) {
        return postJson("/v1/submit-feedback", body, collar.owner().accessToken());
    }

    @Test
    void aVerdictIsStoredAndShownWithTheEvent() {
        Fleet.Collar collar = walkedDog();
        String walk = event(collar, "Walk").getString("event_id");

        HttpResponse<String> submitted = submit(collar, """
                {"event_id": "%s", "user_feedback": "correct", "note": "our usual round"}""".formatted(walk));

        assertEquals(201, submitted.statusCode(), submitted.body());
        UUID id = UUID.fromString(json(submitted).getString("feedback_id"));
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM feedback WHERE id = '" + id + "' AND verdict = 'correct'"));
        JsonObject feedback = event(collar, "Walk").getJsonObject("metadata").getJsonObject("feedback");
        assertEquals("correct", feedback.getString("verdict"));
        assertEquals("our usual round", feedback.getString("note"));
    }

    @Test
    void anIncorrectEventWithACorrectionShowsWhatTheOwnerSaidItWas() {
        Fleet.Collar collar = walkedDog();
        String walk = event(collar, "Walk").getString("event_id");

        assertEquals(201, submit(collar, """
                {"event_id": "%s", "user_feedback": "incorrect", "corrected_behavior": "Play"}""".formatted(walk))
                .statusCode());

        JsonObject corrected = timeline(collar).getJsonArray("timeline").stream().map(JsonValue::asJsonObject)
                .filter(event -> event.getString("event_id").equals(walk)).findFirst().orElseThrow();
        assertEquals("Play", corrected.getString("behavior"));
        assertEquals("owner", corrected.getString("source"));
        assertEquals("Walk", corrected.getJsonObject("metadata").getString("detected_behavior"));
    }

    @Test
    void theOriginalAppsFreeTextIsKeptAsTheNoteWithoutAVerdict() {
        Fleet.Collar collar = walkedDog();
        String rest = event(collar, "Rest").getString("event_id");

        HttpResponse<String> submitted = submit(collar, """
                {"event_id": "%s", "user_feedback": "He was chewing his toy, not resting", "timestamp": "%s"}"""
                .formatted(rest, START.plusSeconds(30)));

        assertEquals(201, submitted.statusCode(), submitted.body());
        String id = json(submitted).getString("feedback_id");
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM feedback WHERE id = '" + id
                + "' AND verdict IS NULL AND note = 'He was chewing his toy, not resting' AND observed_at IS NOT NULL"));
        JsonObject feedback = event(collar, "Rest").getJsonObject("metadata").getJsonObject("feedback");
        assertFalse(feedback.containsKey("verdict"));
    }

    @Test
    void personalDataInTheNoteIsRedactedBeforeItIsStored() {
        Fleet.Collar collar = walkedDog();
        String walk = event(collar, "Walk").getString("event_id");

        HttpResponse<String> submitted = submit(collar, """
                {"event_id": "%s", "user_feedback": "incorrect", "note": "mail ana@example.com or call +358 40 123 4567, card 4111 1111 1111 1111, ssn 123-45-6789"}"""
                .formatted(walk));

        assertEquals(201, submitted.statusCode(), submitted.body());
        String stored = storedNote(json(submitted).getString("feedback_id"));
        for (String secret : List.of("ana@example.com", "123 4567", "4111", "6789")) {
            assertFalse(stored.contains(secret), secret + " in " + stored);
        }
        assertTrue(stored.startsWith("mail "), stored);
    }

    @Test
    void aScriptInTheNoteComesBackAsTheSameInertString() {
        Fleet.Collar collar = walkedDog();
        String walk = event(collar, "Walk").getString("event_id");
        String script = "<script>alert('pwned')</script><img src=x onerror=\\\"alert(1)\\\"> & \\u2028";

        assertEquals(201, submit(collar, """
                {"event_id": "%s", "user_feedback": "correct", "note": "%s"}""".formatted(walk, script)).statusCode());

        HttpResponse<String> raw = PettyHttp.get("/v1/pet-timeline?collar_id=" + collar.id() + "&date="
                + LocalDate.ofInstant(START, ZoneOffset.UTC), collar.owner().accessToken());
        assertEquals("application/json", raw.headers().firstValue("Content-Type").orElse(""));
        String note = event(collar, "Walk").getJsonObject("metadata").getJsonObject("feedback").getString("note");
        assertEquals("<script>alert('pwned')</script><img src=x onerror=\"alert(1)\"> & \u2028", note);
    }

    @Test
    void anEventWithFeedbackIsKeptWhenALateReadingChangesItsDay() {
        Fleet.Collar collar = walkedDog();
        JsonObject walk = event(collar, "Walk");
        assertEquals(201, submit(collar, """
                {"event_id": "%s", "user_feedback": "correct"}""".formatted(walk.getString("event_id"))).statusCode());

        // A late reading in the middle of the walk, at rest: analysed again, the day has two walks, but the owner
        // confirmed one walk, and that one is what the day shows.
        Instant middle = Instant.parse(walk.getString("start")).plusSeconds(185);
        Behavior.send(collar, List.of(new Reading(collar.id(), middle, 70, io.petty.domain.telemetry.ActivityLevel.RESTING,
                null, null, null, null)), 1);
        Behavior.awaitAnalysed(collar.id(), ANALYSIS);

        List<JsonObject> walks = timeline(collar).getJsonArray("timeline").stream().map(JsonValue::asJsonObject)
                .filter(event -> event.getString("behavior").equals("Walk")).toList();
        assertEquals(1, walks.size(), walks.toString());
        assertEquals(walk.getString("event_id"), walks.get(0).getString("event_id"));
        assertEquals(walk.getString("end"), walks.get(0).getString("end"), "kept as it was confirmed");
    }

    @Test
    void anotherOwnersEventIsNotFound() {
        Fleet.Collar collar = walkedDog();
        Fleet.Collar stranger = Fleet.newCollar();
        String walk = event(collar, "Walk").getString("event_id");

        HttpResponse<String> refused = submit(stranger, """
                {"event_id": "%s", "user_feedback": "incorrect"}""".formatted(walk));

        assertEquals(404, refused.statusCode(), refused.body());
        assertEquals("https://petty.io/problems/unknown-event", json(refused).getString("type"));
        assertEquals(404, submit(stranger, """
                {"event_id": "%s", "user_feedback": "incorrect"}""".formatted(UUID.randomUUID())).statusCode());
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM feedback WHERE event_id = '" + walk + "'"));
    }

    @Test
    void badFeedbackIsRefusedNamingEachFieldAndChangesNothing() {
        Fleet.Collar collar = walkedDog();
        String walk = event(collar, "Walk").getString("event_id");

        assertFields(submit(collar, "{}"), "event_id", "user_feedback");
        assertFields(submit(collar, """
                {"event_id": "not-an-id", "user_feedback": "correct"}"""), "event_id");
        assertFields(submit(collar, """
                {"event_id": "%s", "user_feedback": "correct", "corrected_behavior": "Play"}""".formatted(walk)),
                "corrected_behavior");
        assertFields(submit(collar, """
                {"event_id": "%s", "user_feedback": "incorrect", "corrected_behavior": "Flying"}""".formatted(walk)),
                "corrected_behavior");
        assertFields(submit(collar, """
                {"event_id": "%s", "user_feedback": "correct", "note": "%s"}""".formatted(walk, "x".repeat(1001))), "note");
        assertFields(submit(collar, """
                {"event_id": "%s", "user_feedback": "%s"}""".formatted(walk, "y".repeat(1001))), "user_feedback");
        assertFields(submit(collar, """
                {"event_id": "%s", "user_feedback": "free text", "note": "and a note"}""".formatted(walk)), "note");
        assertFields(submit(collar, """
                {"event_id": "%s", "user_feedback": "correct", "segment": {"samples": [%s]}}"""
                .formatted(walk, String.join(",", Collections.nCopies(70, "\"" + "z".repeat(1_000) + "\"")))),
                "segment");
        assertFields(submit(collar, """
                {"event_id": "%s", "user_feedback": "correct", "timestamp": "yesterday"}""".formatted(walk)), "timestamp");
        assertFields(submit(collar, """
                {"event_id": 42, "user_feedback": true, "note": ["a"]}"""), "event_id", "user_feedback", "note");
        HttpResponse<String> malformed = submit(collar, "{\"event_id\": ");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals(400, submit(collar, "[]").statusCode());
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM feedback WHERE event_id = '" + walk + "'"));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM behavior_event WHERE id = '" + walk
                + "' AND reviewed_at IS NOT NULL"));
    }

    @Test
    void aSegmentOfDataIsKeptWithTheFeedback() {
        Fleet.Collar collar = walkedDog();
        String walk = event(collar, "Walk").getString("event_id");

        HttpResponse<String> submitted = submit(collar, """
                {"event_id": "%s", "user_feedback": "incorrect", "segment": {"from": "%s", "readings": [1, 2, 3]}}"""
                .formatted(walk, START));

        assertEquals(201, submitted.statusCode(), submitted.body());
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM feedback WHERE id = '"
                + json(submitted).getString("feedback_id") + "' AND segment::jsonb -> 'readings' = '[1, 2, 3]'::jsonb"));
    }

    @Test
    void theOriginalPathTakesFeedbackToo() {
        Fleet.Collar collar = walkedDog();
        String walk = event(collar, "Walk").getString("event_id");

        HttpResponse<String> legacy = postJson("/submit-feedback", """
                {"event_id": "%s", "user_feedback": "Great walk", "timestamp": "%s"}""".formatted(walk, Instant.now()
                .truncatedTo(ChronoUnit.SECONDS)), collar.owner().accessToken());

        assertEquals(201, legacy.statusCode(), legacy.body());
        assertTrue(legacy.headers().firstValue("Deprecation").isPresent());
    }

    private static String storedNote(String feedbackId) {
        try (var db = TestDatabase.connect(); var query = db.prepareStatement("SELECT note FROM feedback WHERE id = ?::uuid")) {
            query.setString(1, feedbackId);
            try (var row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertFields(HttpResponse<String> response, String... fields) {
        assertEquals(422, response.statusCode(), response.body());
        List<String> named = json(response).getJsonArray("errors").stream()
                .map(error -> error.asJsonObject().getString("field")).toList();
        assertEquals(List.of(fields), named, response.body());
    }
}
