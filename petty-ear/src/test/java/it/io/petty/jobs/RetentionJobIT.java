package it.io.petty.jobs;

import it.io.petty.Accepted;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention job started from the REST layer of the assembled EAR (its XML found in the EAR's lib/), run by
 * Jakarta Batch with its job repository in PostgreSQL, removing exactly what is past the schedule.
 */
class RetentionJobIT {

    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'reading_'yyyyMMdd");
    private static Fleet.Owner admin;

    @BeforeAll
    static void anAdmin() {
        admin = Fleet.newAdmin();
    }

    @Test
    void readingPartitionsPastNinetyDaysAndOldDeadLettersGoTheRestStays() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate firstKept = today.minusDays(89);
        LocalDate expired = firstKept.minusDays(1);
        for (LocalDate day : new LocalDate[] {expired.minusDays(3), expired, firstKept}) {
            TestDatabase.execute("SELECT ensure_reading_partition('" + day + "')");
        }
        Instant now = Instant.now();
        String collar = TestDatabase.unregisteredSerial();
        TestDatabase.execute("INSERT INTO dead_letter (received_at, collar_id, request_id, error_fields, error_messages,"
                + " payload) VALUES ('" + now.minus(Duration.ofDays(14)).minusSeconds(60) + "', '" + collar
                + "', 'old', '{}', '{}', '{}'), ('" + now.minus(Duration.ofDays(14)).plusSeconds(600) + "', '" + collar
                + "', 'young', '{}', '{}', '{}')");

        JsonObject run = Accepted.untilEnded(postJson("/v1/admin/retention", "", admin.accessToken()), admin.accessToken());

        assertEquals("COMPLETED", run.getString("status"), run.toString());
        assertEquals("retention", run.getString("job"));
        assertTrue(run.getString("exit_status").contains("reading_partitions="), run.toString());
        assertFalse(exists(expired), "the last day past 90 is dropped");
        assertFalse(exists(expired.minusDays(3)));
        assertTrue(exists(firstKept), "the 90th day back is kept");
        assertTrue(exists(today));
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM dead_letter WHERE collar_id = '" + collar + "'"),
                "the letter younger than 14 days stays");
        assertTrue(TestDatabase.count("SELECT count(*) FROM audit_event WHERE type = 'job.started' AND actor = '"
                + admin.id() + "'") >= 1, "who started it is audited");
    }

    @Test
    void runsAreListedFromTheSharedRepositoryAndACompletedOneIsNotRestarted() {
        JsonObject run = Accepted.untilEnded(postJson("/v1/admin/retention", "", admin.accessToken()), admin.accessToken());
        long id = run.getJsonNumber("execution_id").longValue();
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM batch." + executionTable() + " WHERE jobexecid = " + id),
                "the run is in the PostgreSQL job repository, not in memory");

        JsonObject listed = json(get("/v1/admin/jobs?limit=500", admin.accessToken())).getJsonArray("jobs")
                .getValuesAs(JsonObject.class).stream()
                .filter(job -> job.getJsonNumber("execution_id").longValue() == id).findFirst().orElseThrow();
        assertEquals("COMPLETED", listed.getString("status"));
        assertTrue(listed.getJsonNumber("duration_ms").longValue() >= 0);
        assertFalse(listed.getBoolean("restartable"));

        HttpResponse<String> restart = postJson("/v1/admin/jobs/" + id + "/restart", "", admin.accessToken());
        assertEquals(409, restart.statusCode(), restart.body());
        assertEquals("https://petty.io/problems/job-not-restartable", json(restart).getString("type"));
        assertEquals(404, get("/v1/admin/jobs/999999999", admin.accessToken()).statusCode());
        assertEquals(422, get("/v1/admin/jobs/abc", admin.accessToken()).statusCode());
    }

    @Test
    void onlyAdminsSeeOrStartJobs() {
        Fleet.Owner owner = Fleet.newOwner();
        assertEquals(403, postJson("/v1/admin/retention", "", owner.accessToken()).statusCode());
        assertEquals(403, get("/v1/admin/jobs", owner.accessToken()).statusCode());
        assertEquals(401, PettyHttp.send(PettyHttp.request("/v1/admin/jobs").GET()).statusCode());
    }

    @Test
    void theNightlyRunOfTodayWasStartedOnceByTheServerAsItCameUp() {
        // The test server's retention time is 00:00 (petty-ear/pom.xml): due at any hour, started once a day.
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        PettyHttp.assertWithin(Duration.ofSeconds(60), () -> TestDatabase.count("SELECT count(*) FROM scheduled_job_run"
                + " WHERE job = 'retention' AND day = '" + today + "' AND execution_id IS NOT NULL") == 1,
                "today's nightly run to start");
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM scheduled_job_run WHERE job = 'retention' AND day = '"
                + today + "' AND execution_id IS NOT NULL"));
        long execution = TestDatabase.count("SELECT execution_id FROM scheduled_job_run WHERE job = 'retention' AND "
                + "day = '" + today + "'");
        JsonObject run = json(get("/v1/admin/jobs/" + execution, admin.accessToken()));
        assertEquals("retention", run.getString("job"));
        assertEquals(today, run.getJsonObject("parameters").getString("day"));
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM audit_event WHERE type = 'job.started' AND detail = "
                + "'retention execution " + execution + " (schedule)'"));
    }

    /** Liberty names its tables (WLP prefix, version suffix): the one of job executions, found in schema batch. */
    private static String executionTable() {
        try (Connection db = TestDatabase.connect(); Statement query = db.createStatement();
             ResultSet table = query.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema"
                     + " = 'batch' AND table_name LIKE '%jobexecution%' ORDER BY length(table_name) LIMIT 1")) {
            assertTrue(table.next(), "no job execution table in schema batch");
            return table.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean exists(LocalDate day) {
        return TestDatabase.count("SELECT count(*) FROM pg_class WHERE relname = '" + PARTITION.format(day) + "'")
                == 1;
    }
}
