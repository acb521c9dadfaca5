package it.io.petty.benchmark;

import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import io.petty.domain.testing.SampleDay;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Re-analysis throughput: the nightly-reanalysis job over a recorded day of many pets (the sample day, 8,520 readings
 * each), started through the REST layer and timed by the job repository, against the rule detectors on their own over
 * the same readings in this JVM on one thread (the baseline: what the engine costs without the database, the
 * transactions and the batch container), and against reading the day's rows back over JDBC on one thread (what the
 * job cannot be faster than per thread). Alternating rounds; each round's readings/s and the ratios. Not an *IT: run
 * on purpose with {@code docs/bench-reanalysis.sh}.
 */
class ReanalysisBenchmark {

    private static final int PETS = Integer.getInteger("petty.bench.pets", 40);
    private static final int ROUNDS = Integer.getInteger("petty.bench.rounds", 3);
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(12);
    private static final Pattern READINGS = Pattern.compile("readings=(\\d+)");

    @Test
    void aRecordedDayOfManyPetsAnalysedAgain() {
        Fleet.Owner admin = Fleet.newAdmin();
        List<Reading> sample = SampleDay.readings(DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
        List<List<Reading>> days = new ArrayList<>();
        for (int i = 0; i < PETS; i++) {
            Fleet.Collar collar = Fleet.newCollar();
            days.add(ReadingScript.forCollar(sample, collar.id()));
            Behavior.send(collar, days.get(i), 1000);
        }
        for (List<Reading> day : days) {
            Behavior.awaitAnalysed(day.get(0).collarId(), Duration.ofSeconds(600));
        }
        detectorsAlone(days);
        for (int round = 1; round <= ROUNDS; round++) {
            JsonObject run = Behavior.reanalyse(admin, DAY, DAY);
            assertEquals("COMPLETED", run.getString("status"), run.toString());
            Matcher readings = READINGS.matcher(run.getString("exit_status"));
            assertTrue(readings.find(), run.toString());
            long analysed = Long.parseLong(readings.group(1));
            // The second execution of the class (failsafe's resilience run) finds the first one's pets too.
            assertTrue(analysed >= (long) PETS * SampleDay.READINGS, run.toString());
            double job = analysed / (run.getJsonNumber("duration_ms").longValue() / 1000.0);
            double alone = detectorsAlone(days);
            double read = readBack();
            System.out.printf(Locale.ROOT, "REANALYSIS round %d: %,d readings | job %,.0f readings/s (%.1f s) | detectors"
                            + " alone, one thread %,.0f readings/s (job/detectors %.3f) | the day read back over JDBC,"
                            + " one thread %,.0f readings/s (job/read %.2f) | %s%n", round, analysed, job,
                    analysed / job, alone, job / alone, read, job / read, run.getString("exit_status"));
        }
    }

    /** Every reading of the day read from PostgreSQL in this JVM, every column, as the job's scan reads them. */
    private static double readBack() {
        try (Connection db = TestDatabase.connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement query = db.prepareStatement("SELECT * FROM reading WHERE ts >= ? AND ts < ?"
                    + " ORDER BY collar_id, ts")) {
                query.setFetchSize(10_000);
                query.setObject(1, DAY.atStartOfDay().atOffset(ZoneOffset.UTC));
                query.setObject(2, DAY.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                long start = System.nanoTime();
                long rows = 0;
                try (ResultSet row = query.executeQuery()) {
                    int columns = row.getMetaData().getColumnCount();
                    while (row.next()) {
                        for (int column = 1; column <= columns; column++) {
                            row.getObject(column);
                        }
                        rows++;
                    }
                }
                return rows / ((System.nanoTime() - start) / 1e9);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule detectors over every pet's day, one after another on this thread: readings per second. */
    private static double detectorsAlone(List<List<Reading>> days) {
        BehaviorEngine engine = BehaviorEngine.ofRules();
        long start = System.nanoTime();
        long events = 0;
        long readings = 0;
        for (List<Reading> day : days) {
            events += engine.analyse(day).size();
            readings += day.size();
        }
        assertTrue(events > 0);
        return readings / ((System.nanoTime() - start) / 1e9);
    }
}
