package it.io.petty.resilience;

import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import io.petty.domain.testing.SampleDay;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server is killed with SIGKILL while the behavior engine is busy; started again, it takes up the analysis where
 * the last committed pass left it, and every day comes out with exactly the events an uninterrupted engine finds.
 */
class AnalysisCrashIT {

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(3);
    private static final int COLLARS = 8;

    @Test
    void killDashNineDuringAnalysisLosesAndRepeatsNoEvent() throws Exception {
        List<Reading> sample = SampleDay.readings(DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
        Set<String> expected = Behavior.expectedEvents(sample);
        List<Fleet.Collar> collars = new ArrayList<>();
        for (int i = 0; i < COLLARS; i++) {
            Fleet.Collar collar = Fleet.newCollar();
            collars.add(collar);
            // Newest batch first: every later batch is late data, and the engine analyses the day again for each.
            List<Reading> day = ReadingScript.forCollar(sample, collar.id());
            List<List<Reading>> batches = new ArrayList<>();
            for (int from = 0; from < day.size(); from += 500) {
                batches.add(day.subList(from, Math.min(day.size(), from + 500)));
            }
            Collections.reverse(batches);
            batches.forEach(batch -> Behavior.send(collar, batch, batch.size()));
        }
        long waiting = TestDatabase.count("SELECT count(*) FROM analysis_backlog");
        assertTrue(waiting > 0, "the engine still had work when the server was killed");

        TestServer.killAndRestart();

        for (Fleet.Collar collar : collars) {
            Behavior.awaitAnalysed(collar.id(), Duration.ofSeconds(180));
            JsonObject timeline = Behavior.timeline(collar, DAY.toString());
            assertEquals(expected, Behavior.shownEvents(timeline), collar.id());
            assertEquals(SampleDay.READINGS, timeline.getJsonObject("summary").getInt("data_points"));
        }
    }
}
