package it.io.petty.compliance;

import io.petty.domain.testing.Archives;
import it.io.petty.Accepted;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data subject's export through the assembled EAR: requested by a compliance officer with a reason, written by the
 * gdpr-export job, downloaded by that officer only, holding the subject's data and nobody else's.
 */
class ExportIT {

    private static Fleet.Owner officer;
    private static Fleet.Collar subject;
    private static Fleet.Collar someoneElse;
    /** What {@link Fleet#newCollarWithReadings} sends. */
    private static final int READINGS = 3;

    @BeforeAll
    static void twoOwnersWithReadings() {
        officer = Fleet.newOfficer();
        subject = Fleet.newCollarWithReadings();
        someoneElse = Fleet.newCollarWithReadings();
    }

    @Test
    void anOfficersExportHoldsTheSubjectsDataAndNothingElseAndOnlyTheyCanDownloadIt() throws Exception {
        HttpResponse<String> started = postJson("/v1/compliance/exports", Json.createObjectBuilder()
                .add("subject_email", subject.owner().email()).add("reason", "ticket 4711").build().toString(),
                officer.accessToken());
        JsonObject export = Accepted.untilEnded(started, officer.accessToken());
        assertEquals("COMPLETED", export.getString("status"), export.toString());
        assertEquals(export.getJsonObject("progress").getInt("total"), export.getJsonObject("progress").getInt("done"),
                "every file written");
        assertEquals(subject.owner().id().toString(), export.getString("subject_id"));
        String archivePath = Accepted.path(export.getString("download_url"));

        HttpResponse<byte[]> archive = download(archivePath, officer.accessToken());
        assertEquals(200, archive.statusCode());
        assertEquals("application/zip", archive.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(export.getString("sha256"), Archives.sha256(archive.body()), "the archive is the one described");
        Map<String, byte[]> files = Archives.unzip(archive.body());
        JsonObject manifest = Archives.json(files.get("manifest.json"));
        assertEquals(subject.owner().id().toString(), manifest.getString("subject"));
        for (JsonObject file : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
            assertEquals(file.getString("sha256"), Archives.sha256(files.get(file.getString("name"))), file.toString());
        }
        String account = new String(files.get("account.json"), StandardCharsets.UTF_8);
        assertTrue(account.contains(subject.owner().email()), account);
        List<String> readings = new String(files.get("readings.csv"), StandardCharsets.UTF_8).lines().toList();
        assertEquals(READINGS, readings.stream().filter(line -> line.startsWith(subject.id() + ",")).count());
        assertEquals(READINGS + 1, readings.size(), "the header and the subject's readings, no one else's");
        for (byte[] file : files.values()) {
            String text = new String(file, StandardCharsets.UTF_8);
            assertFalse(text.contains(someoneElse.id()) || text.contains(someoneElse.owner().email())
                    || text.contains(someoneElse.owner().id().toString()), "another owner's data");
        }

        Fleet.Owner anotherOfficer = Fleet.newOfficer();
        assertEquals(404, get(Accepted.path(started.headers().firstValue("Location").orElseThrow()),
                anotherOfficer.accessToken()).statusCode(), "only the officer who asked sees it");
        assertEquals(404, download(archivePath, anotherOfficer.accessToken()).statusCode());
        assertEquals(404, download(archivePath, subject.owner().accessToken()).statusCode());
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM audit_event WHERE type = 'export.requested' AND actor"
                + " = '" + officer.id() + "' AND subject = '" + subject.owner().id() + "' AND detail LIKE '%ticket 4711'"));
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM audit_event WHERE type = 'export.downloaded' AND"
                + " actor = '" + officer.id() + "'"));
    }

    @Test
    void anOwnerExportsTheirOwnDataAndNobodyElses() {
        HttpResponse<String> started = PettyHttp.send(PettyHttp.request("/v1/me/export")
                .header("Authorization", "Bearer " + subject.owner().accessToken())
                .POST(HttpRequest.BodyPublishers.noBody()));
        JsonObject export = Accepted.untilEnded(started, subject.owner().accessToken());
        assertEquals("COMPLETED", export.getString("status"), export.toString());
        assertEquals(subject.owner().id().toString(), export.getString("subject_id"));
        assertEquals(200, download(Accepted.path(export.getString("download_url")), subject.owner().accessToken())
                .statusCode());
        assertEquals(403, postJson("/v1/compliance/exports", "{\"subject_id\": \"" + someoneElse.owner().id()
                + "\", \"reason\": \"curious\"}", subject.owner().accessToken()).statusCode(),
                "an owner cannot export someone else");
    }

    @Test
    void anOfficerMustGiveAReasonAndAnExistingSubject() {
        HttpResponse<String> noReason = postJson("/v1/compliance/exports", "{\"subject_email\": \""
                + subject.owner().email() + "\"}", officer.accessToken());
        assertEquals(422, noReason.statusCode(), noReason.body());
        assertTrue(noReason.body().contains("\"reason\""), noReason.body());
        assertEquals(422, postJson("/v1/compliance/exports", "{\"subject_email\": \"nobody@example.org\", "
                + "\"reason\": \"ticket\"}", officer.accessToken()).statusCode());
        assertEquals(422, postJson("/v1/compliance/exports", "{\"reason\": \"ticket\"}", officer.accessToken())
                .statusCode());
        HttpResponse<String> notAnId = postJson("/v1/compliance/exports", "{\"subject_id\": \"42\", \"reason\": "
                + "\"ticket\"}", officer.accessToken());
        assertEquals(422, notAnId.statusCode(), notAnId.body());
        assertTrue(notAnId.body().contains("\"subject_id\""), notAnId.body());
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM export_request WHERE requested_by = '" + officer.id()
                + "' AND reason = 'ticket'"), "a refused request changes nothing");
    }

    private static HttpResponse<byte[]> download(String path, String bearer) {
        return PettyHttp.sendBytes(PettyHttp.request(path).header("Authorization", "Bearer " + bearer).GET());
    }
}
