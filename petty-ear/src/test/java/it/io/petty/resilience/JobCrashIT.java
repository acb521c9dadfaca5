package it.io.petty.resilience;

import io.petty.domain.testing.Archives;
import it.io.petty.Accepted;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention, gdpr-export and gdpr-erasure jobs each held half way (the tables they write locked by the test), the
 * server killed with SIGKILL and started again: each run shows FAILED and restartable, nothing of it was half done,
 * and restarted by an admin each completes, its request showing the restart's outcome.
 */
class JobCrashIT {

    @Test
    void eachJobKilledMidRunIsRestartedAndCompletes() throws Exception {
        Fleet.Owner admin = Fleet.newAdmin();
        Fleet.Owner officer = Fleet.newOfficer();
        Fleet.Collar exported = Fleet.newCollarWithReadings();
        Fleet.Collar erased = Fleet.newCollarWithReadings();
        String collar = TestDatabase.unregisteredSerial();
        TestDatabase.execute("INSERT INTO dead_letter (received_at, collar_id, request_id, error_fields, error_messages,"
                + " payload) VALUES (now() - interval '15 days', '" + collar + "', 'crash', '{}', '{}', '{}')");

        long retention;
        String export;
        String erasure;
        try (Connection lock = TestDatabase.connect(); Statement sql = lock.createStatement()) {
            lock.setAutoCommit(false);
            // Every job reads or deletes one of these before it commits anything.
            sql.execute("LOCK TABLE feedback, dead_letter IN ACCESS EXCLUSIVE MODE");
            retention = json(require(postJson("/v1/admin/retention", "", admin.accessToken())))
                    .getJsonNumber("execution_id").longValue();
            export = json(require(postJson("/v1/compliance/exports", subject(exported), officer.accessToken())))
                    .getString("id");
            erasure = json(require(postJson("/v1/compliance/erasures", subject(erased), officer.accessToken())))
                    .getString("id");
            PettyHttp.assertWithin(Duration.ofSeconds(60), () -> TestDatabase.count("SELECT count(*) FROM"
                    + " pg_stat_activity WHERE wait_event_type = 'Lock' AND (query ILIKE '%feedback%'"
                    + " OR query ILIKE '%dead_letter%')") >= 3, "the three jobs to wait on the locked tables");
            // Written outside the jobs' own transactions, their progress shows while they wait.
            for (JsonObject held : List.of(json(get("/v1/exports/" + export, officer.accessToken())),
                    json(get("/v1/compliance/erasures/" + erasure, officer.accessToken())))) {
                JsonObject progress = held.getJsonObject("progress");
                assertTrue(progress.getInt("done") < progress.getInt("total"), held.toString());
            }

            TestServer.killAndRestart();
            lock.rollback();
        }

        long exportRun = execution("export_request", export);
        long erasureRun = execution("erasure_request", erasure);
        for (long execution : List.of(retention, exportRun, erasureRun)) {
            JsonObject killed = json(get("/v1/admin/jobs/" + execution, admin.accessToken()));
            assertEquals("FAILED", killed.getString("status"), killed.toString());
            assertTrue(killed.getBoolean("restartable"), killed.toString());
        }
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM account WHERE id = '" + erased.owner().id() + "'"),
                "the killed erasure removed nothing");
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM export_request WHERE archive IS NOT NULL AND id = '"
                + export + "'"), "the killed export wrote no archive");

        for (long execution : List.of(retention, exportRun, erasureRun)) {
            JsonObject restarted = Accepted.untilEnded(postJson("/v1/admin/jobs/" + execution + "/restart", "",
                    admin.accessToken()), admin.accessToken());
            assertEquals("COMPLETED", restarted.getString("status"), restarted.toString());
        }

        assertEquals(0, TestDatabase.count("SELECT count(*) FROM dead_letter WHERE collar_id = '" + collar + "'"));
        JsonObject exportNow = json(get("/v1/exports/" + export, officer.accessToken()));
        assertEquals("COMPLETED", exportNow.getString("status"), "the request shows the restart: " + exportNow);
        HttpResponse<byte[]> archive = PettyHttp.sendBytes(PettyHttp.request(Accepted.path(exportNow.getString(
                "download_url"))).header("Authorization", "Bearer " + officer.accessToken()));
        assertEquals(200, archive.statusCode());
        assertEquals(exportNow.getString("sha256"), Archives.sha256(archive.body()));
        Map<String, byte[]> files = Archives.unzip(archive.body());
        assertEquals(exported.owner().id().toString(), Archives.json(files.get("manifest.json")).getString("subject"));
        JsonObject erasureNow = json(get("/v1/compliance/erasures/" + erasure, officer.accessToken()));
        assertEquals("COMPLETED", erasureNow.getString("status"), erasureNow.toString());
        assertEquals(1, erasureNow.getJsonObject("removed").getInt("account"));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM account WHERE id = '" + erased.owner().id() + "'"));
    }

    private static String subject(Fleet.Collar collar) {
        return Json.createObjectBuilder().add("subject_id", collar.owner().id().toString())
                .add("reason", "ticket 4713").build().toString();
    }

    private static HttpResponse<String> require(HttpResponse<String> response) {
        return Fleet.require(response, 202);
    }

    private static long execution(String table, String id) {
        return TestDatabase.count("SELECT execution_id FROM " + table + " WHERE id = '" + id + "'");
    }
}
