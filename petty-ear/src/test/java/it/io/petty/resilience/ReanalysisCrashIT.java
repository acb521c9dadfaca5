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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-analysis run is held half way (a collar's cursor locked by the test, so the partition that reaches it waits
 * with chunks committed behind it), the server killed with SIGKILL and started again: the run shows FAILED, is
 * restarted through the REST layer, takes up each collar range after its last checkpoint, and leaves exactly the
 * events and summaries an uninterrupted run gives.
 */
class ReanalysisCrashIT {

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(8);
    /** Twelve collars in the test server's four ranges: one range holds three of them at least. */
    private static final int COLLARS = 12;
    private static final int RANGES = 4;
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
        // In a range with three of the test's collars or more, the last is held: the first is then in a chunk
        // before the held one's (a chunk is two units on the test server), committed before the kill.
        List<String> range = crowdedRange(collars);
        String first = range.get(0);
        String held = range.get(range.size() - 1);

        long execution;
        try (Connection lock = TestDatabase.connect(); Statement sql = lock.createStatement()) {
            lock.setAutoCommit(false);
            sql.execute("SELECT 1 FROM analysis_cursor WHERE collar_id = '" + held + "' FOR UPDATE");
            HttpResponse<String> started = postJson("/v1/admin/reanalysis", Behavior.reanalysisOf(DAY, DAY),
                    admin.accessToken());
            assertEquals(202, started.statusCode(), started.body());
            execution = json(started).getJsonNumber("execution_id").longValue();
            PettyHttp.assertWithin(Duration.ofSeconds(60), () -> TestDatabase.count("SELECT count(*) FROM"
                    + " pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%analysis_cursor%'") > 0
                    && TestDatabase.count("SELECT count(*) FROM behavior_event WHERE collar_id = '" + first + "'") > 0,
                    "the held collar's range waiting on it, with a chunk before it committed");

            TestServer.killAndRestart();
            lock.rollback();
        }

        // What the killed run committed is not done again: its first collar's events, removed now, stay removed.
        TestDatabase.execute("DELETE FROM behavior_event WHERE collar_id = '" + first + "'");
        JsonObject killed = json(get("/v1/admin/jobs/" + execution, admin.accessToken()));
        assertEquals("FAILED", killed.getString("status"), killed.toString());
        assertTrue(killed.getBoolean("restartable"), killed.toString());
        JsonObject resumed = Accepted.untilEnded(postJson("/v1/admin/jobs/" + execution + "/restart", "",
                admin.accessToken()), admin.accessToken());
        assertEquals("COMPLETED", resumed.getString("status"), resumed.toString());
        assertEquals(List.of(), Behavior.storedEvents(first), "the restart began after the range's last checkpoint");
        for (String collar : collars) {
            if (!collar.equals(first)) {
                assertEquals(events.get(collar), Behavior.storedEvents(collar), collar);
            }
            assertEquals(days.get(collar), Behavior.storedDays(collar), collar);
        }

        JsonObject whole = Behavior.reanalyse(admin, DAY, DAY);
        assertEquals("COMPLETED", whole.getString("status"), whole.toString());
        assertTrue(units(resumed) < units(whole), "the restart did only what the killed run had not committed: "
                + resumed.getString("exit_status") + " against a whole run's " + whole.getString("exit_status"));
        for (String collar : collars) {
            assertEquals(events.get(collar), Behavior.storedEvents(collar), collar);
        }
    }

    /**
     * The test's collars of the first range that holds three or more of them, in id order: a range is a quarter of the
     * first 32 bits of the collar id's MD5 (Reanalysis.CollarRange).
     */
    private static List<String> crowdedRange(List<String> collars) {
        Map<Long, List<String>> ranges = new TreeMap<>();
        for (String row : TestDatabase.rows("SELECT id, ('x' || substr(md5(id), 1, 8))::bit(32)::bigint * " + RANGES
                + " / 4294967296 FROM collar WHERE id IN ('" + String.join("', '", collars) + "') ORDER BY id")) {
            String[] columns = row.split(" \\| ");
            ranges.computeIfAbsent(Long.parseLong(columns[1]), range -> new ArrayList<>()).add(columns[0]);
        }
        return ranges.values().stream().filter(range -> range.size() >= 3).findFirst().orElseThrow();
    }

    private static int units(JsonObject run) {
        Matcher units = UNITS.matcher(run.getString("exit_status"));
        assertTrue(units.find(), run.toString());
        return Integer.parseInt(units.group(1));
    }
}
