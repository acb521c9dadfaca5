package it.io.petty.compliance;

import it.io.petty.Accepted;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data subject's erasure through the assembled EAR: nothing of the subject left, the subject's tokens refused at
 * once and their login impossible, another owner untouched, and a record that names nobody.
 */
class ErasureIT {

    @Test
    void anOfficersErasureLeavesNothingOfTheSubjectAndTouchesNoOneElse() {
        Fleet.Owner officer = Fleet.newOfficer();
        Fleet.Collar subject = Fleet.newCollarWithReadings();
        Fleet.Collar someoneElse = Fleet.newCollarWithReadings();
        long othersReadings = TestDatabase.countReadings(someoneElse.id());

        HttpResponse<String> started = postJson("/v1/compliance/erasures", Json.createObjectBuilder()
                .add("subject_id", subject.owner().id().toString()).add("reason", "ticket 4712").build().toString(),
                officer.accessToken());
        JsonObject erasure = Accepted.untilEnded(started, officer.accessToken());

        assertEquals("COMPLETED", erasure.getString("status"), erasure.toString());
        assertEquals(erasure.getJsonObject("progress").getInt("total"), erasure.getJsonObject("progress")
                .getInt("done"), "every table gone through");
        assertFalse(erasure.containsKey("subject_id"), "the record names nobody once done");
        assertEquals(1, erasure.getJsonObject("removed").getInt("account"));
        assertEquals(3, erasure.getJsonObject("removed").getInt("reading"));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM account WHERE id = '" + subject.owner().id() + "'"));
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM pet WHERE id = '" + subject.petId() + "'"));
        assertEquals(0, TestDatabase.countReadings(subject.id()), "the subject's pet's readings");
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM erasure_request WHERE subject_id IS NOT NULL AND id = '"
                + erasure.getString("id") + "'"));
        assertEquals(401, get("/v1/pets", subject.owner().accessToken()).statusCode(), "the subject's token is refused");
        assertEquals(401, postJson("/v1/auth/token", Json.createObjectBuilder().add("email", subject.owner().email())
                .add("password", Fleet.PASSWORD).build().toString()).statusCode(), "and login is impossible");
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM collar WHERE id = '" + subject.id()
                + "' AND pet_id IS NULL"), "the collar stays, unpaired, for a next owner");

        assertEquals(othersReadings, TestDatabase.countReadings(someoneElse.id()), "another owner's readings, every one");
        assertEquals(200, get("/v1/pets/" + someoneElse.petId(), someoneElse.owner().accessToken()).statusCode());
        assertEquals(404, get(Accepted.path(started.headers().firstValue("Location").orElseThrow()),
                Fleet.newOfficer().accessToken()).statusCode(),
                "another officer does not see it");
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM audit_event WHERE type = 'erasure.completed' AND actor"
                + " = '" + officer.id() + "'"));
    }

    @Test
    void anOwnerErasesTheirOwnAccountByGivingThePasswordAgain() {
        Fleet.Collar owner = Fleet.newCollarWithReadings();
        HttpResponse<String> wrong = deleteMe(owner.owner(), "not the password");
        assertEquals(422, wrong.statusCode(), wrong.body());
        assertTrue(wrong.body().contains("\"password\""), wrong.body());
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM account WHERE id = '" + owner.owner().id() + "'"),
                "a wrong password changes nothing");

        HttpResponse<String> erased = deleteMe(owner.owner(), Fleet.PASSWORD);
        assertEquals(202, erased.statusCode(), erased.body());
        String id = json(erased).getString("id");
        PettyHttp.assertWithin(Duration.ofSeconds(60), () -> TestDatabase.count("SELECT count(*) FROM erasure_request"
                + " WHERE completed_at IS NOT NULL AND id = '" + id + "'") == 1, "the erasure to complete");
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM account WHERE id = '" + owner.owner().id() + "'"));
        assertEquals(401, get("/v1/pets", owner.owner().accessToken()).statusCode());
    }

    @Test
    void onlyOfficersEraseOthersAndAlwaysWithAReason() {
        Fleet.Collar subject = Fleet.newCollar();
        assertEquals(403, postJson("/v1/compliance/erasures", "{\"subject_id\": \"" + subject.owner().id()
                + "\", \"reason\": \"spite\"}", Fleet.newOwner().accessToken()).statusCode());
        HttpResponse<String> noReason = postJson("/v1/compliance/erasures", "{\"subject_id\": \""
                + subject.owner().id() + "\"}", Fleet.newOfficer().accessToken());
        assertEquals(422, noReason.statusCode(), noReason.body());
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM account WHERE id = '" + subject.owner().id() + "'"));
    }

    private static HttpResponse<String> deleteMe(Fleet.Owner owner, String password) {
        return PettyHttp.send(PettyHttp.request("/v1/me").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + owner.accessToken())
                .method("DELETE", HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("password", password).build().toString())));
    }
}
