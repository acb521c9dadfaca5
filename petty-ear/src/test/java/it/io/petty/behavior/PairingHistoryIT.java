package it.io.petty.behavior;

import io.petty.domain.testing.ReadingScript;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.Readings;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.PettyHttp.request;
import static it.io.petty.PettyHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A collar changes hands; its readings do not. The new owner sees, probes and overwrites nothing of the previous
 * owner's — not even readings the collar stamped minutes ahead of the clock — and the previous owner keeps them.
 */
class PairingHistoryIT {

    private static final Duration ANALYSIS = Duration.ofSeconds(60);

    @Test
    void aCollarHandedToANewOwnerShowsThemNothingOfThePrevious() {
        Fleet.Owner alice = Fleet.newOwner();
        Fleet.Collar alices = Fleet.newCollarPairedNow(alice);
        // Alice's collar runs five minutes fast: its last readings are stamped ahead of the clock.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant ahead = now.plus(5, ChronoUnit.MINUTES);
        Behavior.send(alices, ReadingScript.forCollar(ReadingScript.startingAt(now.plusSeconds(1)).walk(30, 95, 10, 0)
                .readings(), alices.id()), 30);
        Behavior.awaitAnalysed(alices.id(), ANALYSIS);
        JsonObject alicesDay = Behavior.timeline(alices, today(now));
        assertTrue(alicesDay.getJsonArray("timeline").size() > 0);

        assertEquals(204, send(request("/v1/collars/" + alices.id()).header("Authorization", "Bearer "
                + alice.accessToken()).DELETE()).statusCode());
        Fleet.Owner bob = Fleet.newOwner();
        UUID bobsDog = Fleet.newPet(bob);
        // The claim code is printed on the collar: Bob has it in his hands now.
        HttpResponse<String> paired = Fleet.pair(bob, alices.id(), alices.claimCode(), bobsDog);
        assertEquals(201, paired.statusCode(), paired.body());
        // The device is the same, and so is the secret it was made with.
        String bobsToken = Fleet.deviceToken(alices.id(), alices.secret());
        Fleet.Collar bobs = new Fleet.Collar(alices.id(), alices.claimCode(), bobsDog, alices.secret(), bobsToken, bob);

        HttpResponse<String> realtime = get("/v1/realtime?collar_id=" + bobs.id(), bob.accessToken());
        assertEquals(404, realtime.statusCode(), realtime.body());
        assertEquals("https://petty.io/problems/no-reading-yet", json(realtime).getString("type"));
        JsonObject bobsDay = Behavior.timeline(bobs, today(now));
        assertEquals(0, bobsDay.getJsonArray("timeline").size(), bobsDay.toString());
        assertEquals(0, bobsDay.getJsonObject("summary").getInt("data_points"));

        // Bob's collar cannot claim, probe or overwrite what Alice's stamped, ahead of the clock or not.
        long letters = TestDatabase.count("SELECT count(*) FROM dead_letter WHERE collar_id = '" + bobs.id() + "'");
        for (Instant taken : new Instant[] {now.plusSeconds(11), ahead.minusSeconds(10), now.minus(1, ChronoUnit.HOURS)}) {
            HttpResponse<String> probe = postJson("/v1/ingest", Readings.reading(bobs.id(), taken), bobsToken);
            assertEquals(422, probe.statusCode(), "a reading stamped " + taken + ": " + probe.body());
            assertEquals("timestamp", json(probe).getJsonArray("errors").getJsonObject(0).getString("field"));
        }
        assertEquals(letters + 3, TestDatabase.count("SELECT count(*) FROM dead_letter WHERE collar_id = '"
                + bobs.id() + "'"), "each refusal is a dead letter");
        assertEquals(30, TestDatabase.count("SELECT count(*) FROM reading WHERE collar_id = '" + bobs.id() + "'"),
                "Alice's readings as they were");

        // What Bob's dog does from now on is Bob's, and Alice's day stays hers.
        Instant next = ahead.plusSeconds(20);
        assertEquals(201, postJson("/v1/ingest", Readings.reading(bobs.id(), next), bobsToken).statusCode());
        HttpResponse<String> bobsLatest = get("/v1/realtime?collar_id=" + bobs.id(), bob.accessToken());
        assertEquals(next, Instant.parse(json(bobsLatest).getString("timestamp")));
        JsonObject alicesDayNow = json(get("/v1/pet-timeline?pet_id=" + alices.petId() + "&date=" + today(now),
                alice.accessToken()));
        assertEquals(eventIds(alicesDay), eventIds(alicesDayNow));
        assertEquals(404, get("/v1/pet-timeline?collar_id=" + alices.id(), alice.accessToken()).statusCode(),
                "Alice's dog no longer wears it");
    }

    @Test
    void pairingTheSameDogAgainKeepsItsReadings() {
        Fleet.Collar collar = Fleet.newCollar();
        Instant taken = Readings.recent();
        assertEquals(201, postJson("/v1/ingest", Readings.reading(collar.id(), taken), collar.deviceToken()).statusCode());

        HttpResponse<String> again = Fleet.pair(collar.owner(), collar.id(), collar.claimCode(), collar.petId());
        assertEquals(201, again.statusCode(), again.body());

        assertEquals(201, postJson("/v1/ingest", Readings.reading(collar.id(), taken.minusSeconds(60)),
                collar.deviceToken()).statusCode(), "the same dog's earlier reading is still its own, its token good");
        assertEquals(taken, Instant.parse(json(get("/v1/realtime?collar_id=" + collar.id(),
                collar.owner().accessToken())).getString("timestamp")));
    }

    private static java.util.List<String> eventIds(JsonObject timeline) {
        return timeline.getJsonArray("timeline").stream().map(e -> e.asJsonObject().getString("event_id")).toList();
    }

    private static String today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
    }
}
