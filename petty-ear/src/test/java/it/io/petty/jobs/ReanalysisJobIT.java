package it.io.petty.jobs;

import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import io.petty.domain.testing.SampleDay;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nightly-reanalysis job in the assembled EAR: started from the REST layer over a past day, it gives back the
 * events and summary the engine finds in the day's readings whatever was stored before, keeps what the owner
 * confirmed, and a second run changes nothing; the nightly schedule starts it over the last two days.
 */
class ReanalysisJobIT {

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(6);
    private static Fleet.Owner admin;

    @BeforeAll
    static void anAdmin() {
        admin = Fleet.newAdmin();
    }

    @Test
    void aRunRestoresWhatTheEngineFindsKeepsConfirmedEventsAndASecondRunChangesNothing() {
        Fleet.Collar collar = Fleet.newCollar();
        List<Reading> day = ReadingScript.forCollar(SampleDay.readings(DAY.atStartOfDay(ZoneOffset.UTC).toInstant()),
                collar.id());
        Behavior.send(collar, day, 500);
        Behavior.awaitAnalysed(collar.id(), Duration.ofSeconds(120));
        String walk = TestDatabase.rows("SELECT id FROM behavior_event WHERE collar_id = '" + collar.id()
                + "' AND behavior = 'Walk' ORDER BY started_at LIMIT 1").get(0);
        Fleet.require(postJson("/v1/submit-feedback", """
                {"event_id": "%s", "user_feedback": "correct"}""".formatted(walk), collar.owner().accessToken()), 201);
        List<String> analysed = Behavior.storedEvents(collar.id());
        List<String> summary = Behavior.storedDays(collar.id());
        assertTrue(analysed.size() > 3, analysed.toString());

        // What an older engine might have left: events it no longer finds, one it found differently, none of
        // some it finds now, no summary.
        TestDatabase.execute("INSERT INTO behavior_event (id, pet_id, collar_id, kind, behavior, started_at, ended_at,"
                + " confidence, detector, detector_version, evidence, open) SELECT gen_random_uuid(), pet_id, collar_id,"
                + " 'behavior', 'Anxious Pacing', started_at, ended_at, 0.5, 'old', '0', '{}', false FROM behavior_event"
                + " WHERE id = '" + walk + "'");
        TestDatabase.execute("DELETE FROM behavior_event WHERE collar_id = '" + collar.id() + "' AND id IN (SELECT id"
                + " FROM behavior_event WHERE collar_id = '" + collar.id() + "' AND owner_verdict IS NULL"
                + " AND kind = 'session' ORDER BY started_at LIMIT 2)");
        TestDatabase.execute("UPDATE behavior_event SET confidence = 0.01, detector_version = '0' WHERE collar_id = '"
                + collar.id() + "' AND owner_verdict IS NULL AND kind = 'behavior'");
        TestDatabase.execute("DELETE FROM behavior_day WHERE collar_id = '" + collar.id() + "'");
        assertNotEquals(analysed, Behavior.storedEvents(collar.id()));

        JsonObject run = Behavior.reanalyse(admin, DAY, DAY);

        assertEquals("COMPLETED", run.getString("status"), run.toString());
        assertTrue(run.getString("exit_status").matches("units=\\d+ live=\\d+ readings=\\d+ changes=\\d+"),
                run.toString());
        assertEquals(analysed, Behavior.storedEvents(collar.id()), "the events the engine finds, the confirmed walk kept with its verdict");
        assertEquals(summary, Behavior.storedDays(collar.id()));
        assertTrue(Behavior.storedEvents(collar.id()).stream().anyMatch(event -> event.startsWith(walk) && event.endsWith("correct")));

        List<String> once = eventsAsStored(collar);
        JsonObject again = Behavior.reanalyse(admin, DAY, DAY);
        assertEquals("COMPLETED", again.getString("status"), again.toString());
        assertEquals(once, eventsAsStored(collar), "a second run rewrites no event of the day");

        // The day was the collar's last, in progress for the live analysis: the run moved its cursor. A reading of
        // the next day ends it as the live analysis would have, from the re-analysis's state.
        Behavior.send(collar, List.of(new Reading(collar.id(), DAY.plusDays(1).atTime(8, 0).toInstant(ZoneOffset.UTC),
                80, ActivityLevel.RESTING, null, null, null, null)), 1);
        Behavior.awaitAnalysed(collar.id(), Duration.ofSeconds(60));
        assertEquals(Behavior.expectedEvents(day), Behavior.shownEvents(Behavior.timeline(collar, DAY.toString())));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM behavior_event WHERE open AND collar_id = '"
                + collar.id() + "' AND started_at < '" + DAY.plusDays(1) + "'"), "the day's events closed");
    }

    @Test
    void theNightlyRunCoversTheLastTwoDays() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // The test server's runs are due from midnight (petty-ear/pom.xml), so today's started as it came up.
        String started = "SELECT execution_id FROM scheduled_job_run WHERE job = 'nightly-reanalysis' AND day = '"
                + today + "' AND execution_id IS NOT NULL";
        PettyHttp.assertWithin(Duration.ofSeconds(60), () -> !TestDatabase.rows(started).isEmpty(),
                "today's nightly run to start");
        List<String> nightly = TestDatabase.rows(started);
        assertEquals(1, nightly.size(), nightly.toString());
        JsonObject run = json(get("/v1/admin/jobs/" + nightly.get(0), admin.accessToken()));
        assertEquals("nightly-reanalysis", run.getString("job"));
        assertEquals(today.minusDays(2).toString(), run.getJsonObject("parameters").getString("from"));
        assertEquals(today.minusDays(1).toString(), run.getJsonObject("parameters").getString("to"));
        PettyHttp.assertWithin(Duration.ofSeconds(60), () -> "COMPLETED".equals(json(get("/v1/admin/jobs/"
                + nightly.get(0), admin.accessToken())).getString("status")), "the nightly run to complete");
    }

    @Test
    void onlyAnAdminStartsOneAndOnlyOverARangeOfPastDays() {
        Fleet.Owner owner = Fleet.newOwner();
        assertEquals(403, postJson("/v1/admin/reanalysis", Behavior.reanalysisOf(DAY, DAY), owner.accessToken()).statusCode());
        assertEquals(401, postJson("/v1/admin/reanalysis", Behavior.reanalysisOf(DAY, DAY)).statusCode());
        assertFields(postJson("/v1/admin/reanalysis", "{\"from\": \"yesterday\"}", admin.accessToken()), "from", "to");
        assertFields(postJson("/v1/admin/reanalysis", Behavior.reanalysisOf(DAY, DAY.minusDays(1)), admin.accessToken()), "to");
        assertFields(postJson("/v1/admin/reanalysis", Behavior.reanalysisOf(DAY.minusDays(92), DAY), admin.accessToken()), "to");
        assertFields(postJson("/v1/admin/reanalysis", Behavior.reanalysisOf(DAY, DAY.plusDays(30)), admin.accessToken()), "to");
        assertEquals(400, postJson("/v1/admin/reanalysis", "", admin.accessToken()).statusCode());
    }

    /** The same with when each was last rewritten. */
    private static List<String> eventsAsStored(Fleet.Collar collar) {
        return TestDatabase.rows("SELECT id, analysed_at, confidence FROM behavior_event WHERE collar_id = '"
                + collar.id() + "' ORDER BY id");
    }

    private static void assertFields(HttpResponse<String> response, String... fields) {
        assertEquals(422, response.statusCode(), response.body());
        assertEquals(List.of(fields), json(response).getJsonArray("errors").stream()
                .map(error -> error.asJsonObject().getString("field")).toList(), response.body());
    }
}
