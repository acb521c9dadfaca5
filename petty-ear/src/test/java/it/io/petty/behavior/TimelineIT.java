package it.io.petty.behavior;

import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import io.petty.domain.testing.SampleDay;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static it.io.petty.Problems.assertProblem;
import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole recorded day through the server: ingested, analysed off the request path, and read back as the day's
 * timeline — the same events as the engine finds on its own, however the readings arrived.
 */
class TimelineIT {

    private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    private static final Instant MIDNIGHT = YESTERDAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Duration ANALYSIS = Duration.ofSeconds(60);

    private static List<Reading> dayOf(Fleet.Collar collar) {
        return ReadingScript.forCollar(SampleDay.readings(MIDNIGHT), collar.id());
    }

    @Test
    void aRecordedDayShowsTheEventsTheEngineFindsInIt() {
        Fleet.Collar collar = Fleet.newCollar();
        List<Reading> day = dayOf(collar);

        Behavior.send(collar, day, 500);
        Behavior.awaitAnalysed(collar.id(), ANALYSIS);

        JsonObject timeline = Behavior.timeline(collar, YESTERDAY.toString());
        assertEquals(Behavior.expectedEvents(day), Behavior.shownEvents(timeline));
        assertEquals(collar.id(), timeline.getString("collar_id"));
        assertEquals(collar.petId().toString(), timeline.getString("pet_id"));
        assertEquals(YESTERDAY.toString(), timeline.getString("date"));
        JsonObject summary = timeline.getJsonObject("summary");
        assertEquals(SampleDay.READINGS, summary.getInt("data_points"));
        assertTrue(summary.getJsonNumber("distance_km").doubleValue() > 2, summary.toString());
        assertTrue(summary.getJsonNumber("active_minutes").doubleValue() > 60, summary.toString());
        assertTrue(summary.getJsonNumber("rest_minutes").doubleValue() > 20 * 60, summary.toString());
        assertEquals(List.of(), timeline.getJsonArray("alerts"));
        JsonObject first = timeline.getJsonArray("timeline").getJsonObject(0);
        assertEquals(first.getString("start"), first.getString("timestamp"), "the original app reads timestamp");
        assertEquals("rules", first.getString("source"));
        assertTrue(first.getJsonObject("metadata").containsKey("detector_version"), first.toString());
        JsonObject metadata = timeline.getJsonObject("metadata");
        assertEquals(timeline.getJsonArray("timeline").size(), metadata.getInt("behaviors_detected"));
        assertTrue(metadata.getString("model_version").contains("deep-sleep@1"), metadata.toString());
    }

    @Test
    void theSameDayReplayedOutOfOrderComesOutTheSame() {
        Fleet.Collar collar = Fleet.newCollar();
        List<Reading> day = dayOf(collar);
        List<List<Reading>> batches = new ArrayList<>();
        for (int from = 0; from < day.size(); from += 250) {
            List<Reading> batch = new ArrayList<>(day.subList(from, Math.min(day.size(), from + 250)));
            Collections.shuffle(batch, new Random(from));
            batches.add(batch);
        }
        Collections.shuffle(batches, new Random(42));
        // Late data as collars send it: some batches a second time (a retry), most once, in no order.
        batches.add(batches.get(3));

        batches.forEach(batch -> Behavior.send(collar, batch, batch.size()));
        Behavior.awaitAnalysed(collar.id(), ANALYSIS);

        assertEquals(Behavior.expectedEvents(day), Behavior.shownEvents(Behavior.timeline(collar, YESTERDAY.toString())));
    }

    @Test
    void anEmptyDayIsEmptyListsNotAnError() {
        Fleet.Collar collar = Fleet.newCollar();

        JsonObject timeline = Behavior.timeline(collar, "2026-01-01");

        assertEquals(List.of(), timeline.getJsonArray("timeline"));
        assertEquals(List.of(), timeline.getJsonArray("alerts"));
        JsonObject summary = timeline.getJsonObject("summary");
        assertEquals(0, summary.getInt("data_points"));
        assertEquals(0, summary.getJsonNumber("active_minutes").doubleValue());
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, summary.getJsonObject("heart_rate"), summary.toString());
    }

    @Test
    void theDateDefaultsToTodayWhereThePetLives() {
        Fleet.Owner owner = Fleet.newOwner();
        // Fourteen hours ahead of UTC: its today is often another day than UTC's.
        HttpResponse<String> pet = postJson("/v1/pets", """
                {"name": "Kiri", "species": "cat", "time_zone": "Pacific/Kiritimati"}""", owner.accessToken());
        assertEquals(201, pet.statusCode(), pet.body());
        assertEquals("Pacific/Kiritimati", json(pet).getString("time_zone"));

        HttpResponse<String> timeline = get("/v1/pet-timeline?pet_id=" + json(pet).getString("id"), owner.accessToken());

        assertEquals(200, timeline.statusCode(), timeline.body());
        assertEquals(LocalDate.now(ZoneId.of("Pacific/Kiritimati")).toString(), json(timeline).getString("date"));
        assertFalse(json(timeline).containsKey("collar_id"), "it wears no collar");
    }

    @Test
    void byPetOrByCollarItIsTheSameTimeline() {
        Fleet.Collar collar = Fleet.newCollar();
        HttpResponse<String> byPet = get("/v1/pet-timeline?pet_id=" + collar.petId() + "&date=" + YESTERDAY,
                collar.owner().accessToken());

        assertEquals(200, byPet.statusCode(), byPet.body());
        assertEquals(collar.id(), json(byPet).getString("collar_id"));
    }

    @Test
    void whatIsNotTheCallersIsNotFoundAndWhatIsMalformedIsNamed() {
        Fleet.Collar mine = Fleet.newCollar();
        Fleet.Collar theirs = Fleet.newCollar();
        String token = mine.owner().accessToken();

        assertProblem(get("/v1/pet-timeline?collar_id=" + theirs.id(), token), 404, "unknown-collar");
        assertProblem(get("/v1/pet-timeline?pet_id=" + theirs.petId(), token), 404, "unknown-pet");
        assertProblem(get("/v1/pet-timeline?pet_id=not-a-pet", token), 404, "unknown-pet");
        assertProblem(get("/v1/pet-timeline", token), 422, "invalid-fields");
        assertProblem(get("/v1/pet-timeline?collar_id=" + mine.id() + "&pet_id=" + mine.petId(), token), 422,
                "invalid-fields");
        HttpResponse<String> badDate = get("/v1/pet-timeline?collar_id=" + mine.id() + "&date=25.11.2026", token);
        assertProblem(badDate, 422, "invalid-fields");
        assertEquals("date", json(badDate).getJsonArray("errors").getJsonObject(0).getString("field"));
        assertProblem(get("/v1/pet-timeline?collar_id=SN-1", token), 422, "invalid-fields");
        assertEquals(401, get("/v1/pet-timeline?collar_id=" + mine.id()).statusCode());
        assertEquals(403, get("/v1/pet-timeline?collar_id=" + mine.id(), mine.deviceToken()).statusCode());
    }

    @Test
    void theOriginalPathAnswersTheSameWithDeprecationHeaders() {
        Fleet.Collar collar = Fleet.newCollar();

        HttpResponse<String> legacy = get("/pet-timeline?collar_id=" + collar.id(), collar.owner().accessToken());

        assertEquals(200, legacy.statusCode(), legacy.body());
        assertTrue(legacy.headers().firstValue("Deprecation").isPresent());
        assertTrue(legacy.headers().firstValue("Link").orElse("").contains("</v1/pet-timeline>"));
    }

    @Test
    void realtimeTellsWhatThePetIsDoingNow() {
        Fleet.Collar collar = Fleet.newCollar();
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        List<Reading> walk = ReadingScript.forCollar(ReadingScript.startingAt(start).walk(8, 95, 10, 0).readings(),
                collar.id());

        Behavior.send(collar, walk, 8);
        Behavior.awaitAnalysed(collar.id(), ANALYSIS);

        HttpResponse<String> realtime = get("/v1/realtime?collar_id=" + collar.id(), collar.owner().accessToken());
        assertEquals(200, realtime.statusCode(), realtime.body());
        JsonObject current = json(realtime).getJsonObject("current_behavior");
        assertEquals("Walk", current.getString("behavior"), realtime.body());
        assertEquals(start, Instant.parse(current.getString("since")));
        assertEquals(95, json(realtime).getInt("heart_rate"), "the original app's fields stay");
        assertEquals(1, json(realtime).getInt("activity_level"));
        assertEquals(2, json(realtime).getJsonObject("location").getJsonArray("coordinates").size());
        JsonObject shown = Behavior.timeline(collar, dayOf(start)).getJsonArray("timeline").getJsonObject(0);
        assertTrue(shown.getJsonObject("metadata").getBoolean("ongoing"), shown.toString());
    }

    @Test
    void aPetWhoseCollarWentSilentIsDoingNothingTheEngineCanTell() {
        Fleet.Collar collar = Fleet.newCollar();
        Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        Behavior.send(collar, ReadingScript.forCollar(ReadingScript.startingAt(start).walk(8, 95, 10, 0).readings(),
                collar.id()), 8);
        Behavior.awaitAnalysed(collar.id(), ANALYSIS);

        HttpResponse<String> realtime = get("/v1/realtime?collar_id=" + collar.id(), collar.owner().accessToken());

        assertEquals(200, realtime.statusCode(), realtime.body());
        assertFalse(json(realtime).containsKey("current_behavior"), realtime.body());
        JsonObject walk = Behavior.timeline(collar, dayOf(start)).getJsonArray("timeline").getJsonObject(0);
        assertFalse(walk.getJsonObject("metadata").getBoolean("ongoing"), walk.toString());
    }

    private static String dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
