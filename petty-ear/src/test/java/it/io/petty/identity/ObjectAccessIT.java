package it.io.petty.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.petty.domain.collars.CollarFactory;
import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import it.io.petty.TokenForge;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.PettyHttp.request;
import static it.io.petty.PettyHttp.send;
import static it.io.petty.Problems.assertProblem;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
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
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\": \"Mine\"}")))
                .statusCode());
        assertEquals(404, send(request("/v1/pets/" + b.petId()).header("Authorization", "Bearer " + a.accessToken())
                .DELETE()).statusCode());
        CollarFactory.MadeCollar own = Fleet.newFactoryCollar();
        assertEquals(404, Fleet.pair(a, own.serial(), own.claimCode(), b.petId()).statusCode());
        assertEquals("Rex", json(get("/v1/pets/" + b.petId(), b.owner().accessToken()))
                .getString("name"));
    }

    @Test
    void ownerACannotSeeOwnerBsCollarNorPairItWithoutItsClaimCode() {
        Fleet.Collar b = Fleet.newCollar();
        Fleet.Owner a = Fleet.newOwner();
        UUID as = Fleet.newPet(a);

        assertEquals(404, get("/v1/realtime?collar_id=" + b.id(), a.accessToken()).statusCode());
        // Without the code in hand, a serial that exists and one that does not answer alike: nothing to squat or map.
        HttpResponse<String> guessed = Fleet.pair(a, b.id(), "AAAA-AAAA-AAAA-AAAA", as);
        HttpResponse<String> unknown = Fleet.pair(a, TestDatabase.unregisteredSerial(), "AAAA-AAAA-AAAA-AAAA", as);
        assertProblem(guessed, 404, "unknown-collar");
        assertProblem(unknown, 404, "unknown-collar");
        assertEquals(json(guessed).getString("detail").replace(b.id(), "X"),
                json(unknown).getString("detail").replaceAll("ZZ-\\d+", "X"));
        // With it (someone who held the collar), a collar another pet wears is still not theirs.
        assertProblem(Fleet.pair(a, b.id(), b.claimCode(), as), 409, "collar-paired");
        assertProblem(Fleet.pair(a, b.id(), "not a code", as), 422, "invalid-fields");
    }

    @Test
    void unpairingEndsTheCollarsLoginsUntilItIsPairedAgain() {
        Fleet.Collar collar = Fleet.newCollar();
        assertEquals(204, send(request("/v1/collars/" + collar.id())
                .header("Authorization", "Bearer " + collar.owner().accessToken()).DELETE()).statusCode());

        HttpResponse<String> exchange = postJson("/v1/auth/device-token", """
                {"collar_id": "%s", "secret": "%s"}""".formatted(collar.id(), collar.secret()));
        assertEquals(401, exchange.statusCode());
        assertEquals(201, Fleet.pair(collar.owner(), collar.id(), collar.claimCode(), collar.petId()).statusCode());
        assertEquals(200, postJson("/v1/auth/device-token", """
                {"collar_id": "%s", "secret": "%s"}""".formatted(collar.id(), collar.secret())).statusCode(),
                "the collar's own secret, made at the factory");
    }

    @Test
    void whoeverPairsAnUnpairedCollarNextDoesNotSeeThePreviousOwnersReadings() {
        Fleet.Collar alices = Fleet.newCollar();
        assertEquals(201, postJson("/v1/ingest", reading(alices.id(),
                recent()), alices.deviceToken()).statusCode());
        assertEquals(204, send(request("/v1/collars/" + alices.id())
                .header("Authorization", "Bearer " + alices.owner().accessToken()).DELETE()).statusCode());

        Fleet.Owner mallory = Fleet.newOwner();
        assertEquals(201, Fleet.pair(mallory, alices.id(), alices.claimCode(), Fleet.newPet(mallory)).statusCode());
        HttpResponse<String> latest = get("/v1/realtime?collar_id=" + alices.id(), mallory.accessToken());
        assertEquals(404, latest.statusCode(), latest.body());
        assertEquals("https://petty.io/problems/no-reading-yet", json(latest).getString("type"));
    }

    @Test
    void aDeviceTokenIssuedBeforeTheCollarsCurrentPairingNoLongerIngests() {
        Fleet.Collar collar = Fleet.newCollar();
        // What a token from an earlier pairing (or before a secret rotation) looks like: correctly signed,
        // right collar, issued before the collar was paired as it is now.
        Instant before = Instant.now().minusSeconds(60);
        String stale = TokenForge.signedByServer(new JWTClaimsSet.Builder()
                .issuer(TokenForge.ISSUER).audience(TokenForge.AUDIENCE).subject(collar.id()).claim("upn", collar.id())
                .claim("groups", List.of("collar")).claim("scope", "telemetry:ingest")
                .jwtID(UUID.randomUUID().toString()).claim("sid", UUID.randomUUID().toString())
                .issueTime(Date.from(before)).notBeforeTime(Date.from(before))
                .expirationTime(Date.from(before.plusSeconds(900))).build());

        assertEquals(401, postJson("/v1/ingest", reading(collar.id(), recent()), stale).statusCode());
        assertEquals(201, postJson("/v1/ingest", reading(collar.id(), recent()), collar.deviceToken()).statusCode());
    }

    @Test
    void aCollarTokenCannotUseOwnerEndpointsNorAnOwnerTokenIngest() {
        Fleet.Collar collar = Fleet.newCollar();
        assertEquals(403, get("/v1/pets", collar.deviceToken()).statusCode());
        assertEquals(403, postJson("/v1/ingest", "{}", collar.owner().accessToken()).statusCode());
    }
}
