package it.io.petty.resilience;

import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import io.petty.domain.testing.SampleDay;
import it.io.petty.Accepted;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-analysis run is held half way (one collar's cursor locked by the test, so the partition that reaches it waits
 * with chunks committed behind it), the server killed with SIGKILL and started again: the run shows FAILED, is
 * restarted through the REST layer, does only what was not committed, and leaves exactly the events and summaries
 * an uninterrupted run gives.
 */
class ReanalysisCrashIT {

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(8);
    private static final int COLLARS = 8;
    private static final Pattern UNITS = Pattern.compile("units=(\\d+) ");

    @Test
    void killedMidRunAndRestartedItResumesAndEndsAsAnUninterruptedRun() throws Exception {
        Fleet.Owner admin = Fleet.newAdmin();
        List<Reading> sample = SampleDay.readings(DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
        List<String> collars = new ArrayList<>();
        for (int i = 0; i < COLLARS; i++) {
            Fleet.Collar collar = Fleet.newCollar();
            collars.add(collar.id());
            Behavior.send(collar, ReadingScript.forCollar(sample, collar.id()), 1000);
        }
        Map<String, List<String>> events = new HashMap<>();
        Map<String, List<String>> days = new HashMap<>();
        for (String collar : collars) {
            Behavior.awaitAnalysed(collar, Duration.ofSeconds(180));
            events.put(collar, Behavior.storedEvents(collar));
            days.put(collar, Behavior.storedDays(collar));
            assertFalse(events.get(collar).isEmpty(), collar);
        }
        String inList = "('" + String.join("', '", collars) + "')";
        TestDatabase.execute("DELETE FROM behavior_event WHERE collar_id IN " + inList);
        TestDatabase.execute("DELETE FROM behavior_day WHERE collar_id IN " + inList);
        String held = collars.stream().max(String::compareTo).orElseThrow();

        long execution;
        try (Connection lock = TestDatabase.connect(); Statement sql = lock.createStatement()) {
            lock.setAutoCommit(false);
            sql.execute("SELECT 1 FROM analysis_cursor WHERE collar_id = '" + held + "' FOR UPDATE");
            HttpResponse<String> started = postJson("/v1/admin/reanalysis", "{\"from\": \"" + DAY + "\", \"to\": \""
                    + DAY + "\"}", admin.accessToken());
            assertEquals(202, started.statusCode(), started.body());
            execution = json(started).getJsonNumber("execution_id").longValue();
            PettyHttp.assertWithin(Duration.ofSeconds(60), () -> TestDatabase.count("SELECT count(*) FROM"
                    + " pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%analysis_cursor%'") > 0
                    && TestDatabase.count("SELECT count(DISTINCT collar_id) FROM behavior_event WHERE collar_id IN "
                    + inList) > 0, "a partition waiting on the held collar, with chunks of other collars committed");

            TestServer.killAndRestart();
            lock.rollback();
        }

        JsonObject killed = json(get("/v1/admin/jobs/" + execution, admin.accessToken()));
        assertEquals("FAILED", killed.getString("status"), killed.toString());
        assertTrue(killed.getBoolean("restartable"), killed.toString());
        JsonObject resumed = Accepted.untilEnded(postJson("/v1/admin/jobs/" + execution + "/restart", "",
                admin.accessToken()), admin.accessToken());
        assertEquals("COMPLETED", resumed.getString("status"), resumed.toString());
        for (String collar : collars) {
            assertEquals(events.get(collar), Behavior.storedEvents(collar), collar);
            assertEquals(days.get(collar), Behavior.storedDays(collar), collar);
        }

        JsonObject whole = Accepted.untilEnded(postJson("/v1/admin/reanalysis", "{\"from\": \"" + DAY
                + "\", \"to\": \"" + DAY + "\"}", admin.accessToken()), admin.accessToken());
        assertEquals("COMPLETED", whole.getString("status"), whole.toString());
        assertTrue(units(resumed) < units(whole), "the restart did only what the killed run had not committed: "
                + resumed.getString("exit_status") + " against a whole run's " + whole.getString("exit_status"));
        for (String collar : collars) {
            assertEquals(events.get(collar), Behavior.storedEvents(collar), collar);
        }
    }

    private static int units(JsonObject run) {
        Matcher units = UNITS.matcher(run.getString("exit_status"));
        assertTrue(units.find(), run.toString());
        return Integer.parseInt(units.group(1));
    }
}
