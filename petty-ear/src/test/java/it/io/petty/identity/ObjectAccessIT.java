package it.io.petty.identity;

import it.io.petty.Fleet;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.PettyHttp.request;
import static it.io.petty.PettyHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per-object authorization: another owner's things do not exist for you. */
class ObjectAccessIT {

    @Test
    void ownerAReadingOwnerBsPetGets404() {
        Fleet.Collar b = Fleet.newCollar();
        Fleet.Owner a = Fleet.newOwner();

        HttpResponse<String> response = get("/v1/pets/" + b.petId(), a.accessToken());
        assertEquals(404, response.statusCode(), response.body());
        assertEquals(200, get("/v1/pets/" + b.petId(), b.owner().accessToken()).statusCode());
    }

    @Test
    void ownerACannotChangeDeleteOrPairWithOwnerBsPet() {
        Fleet.Collar b = Fleet.newCollar();
        Fleet.Owner a = Fleet.newOwner();

        assertEquals(404, send(request("/v1/pets/" + b.petId()).header("Authorization", "Bearer " + a.accessToken())
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"Mine\"}")))
                .statusCode());
        assertEquals(404, send(request("/v1/pets/" + b.petId()).header("Authorization", "Bearer " + a.accessToken())
                .DELETE()).statusCode());
        assertEquals(404, postJson("/v1/collars", """
                {"collar_id": "ZZ-424242", "pet_id": "%s"}""".formatted(b.petId()), a.accessToken()).statusCode());
        assertEquals("Rex", it.io.petty.PettyHttp.json(get("/v1/pets/" + b.petId(), b.owner().accessToken()))
                .getString("name"));
    }

    @Test
    void ownerACannotSeeOwnerBsCollarOrPairIt() {
        Fleet.Collar b = Fleet.newCollar();
        Fleet.Owner a = Fleet.newOwner();

        assertEquals(404, get("/v1/realtime?collar_id=" + b.id(), a.accessToken()).statusCode());
        HttpResponse<String> stolen = postJson("/v1/collars", """
                {"collar_id": "%s", "pet_id": "%s"}""".formatted(b.id(), Fleet.newPet(a)), a.accessToken());
        assertEquals(409, stolen.statusCode(), stolen.body());
    }

    @Test
    void unpairingInvalidatesTheDeviceSecret() {
        Fleet.Collar collar = Fleet.newCollar();
        assertEquals(204, send(request("/v1/collars/" + collar.id())
                .header("Authorization", "Bearer " + collar.owner().accessToken()).DELETE()).statusCode());

        HttpResponse<String> exchange = postJson("/v1/auth/device-token", """
                {"collar_id": "%s", "secret": "%s"}""".formatted(collar.id(), collar.secret()));
        assertEquals(401, exchange.statusCode());
    }

    @Test
    void aCollarTokenCannotUseOwnerEndpointsNorAnOwnerTokenIngest() {
        Fleet.Collar collar = Fleet.newCollar();
        assertEquals(403, get("/v1/pets", collar.deviceToken()).statusCode());
        assertEquals(403, postJson("/v1/ingest", "{}", collar.owner().accessToken()).statusCode());
    }
}
