package it.io.petty.live;

import it.io.petty.EventStream;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.Readings;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/pets/{id}/events} against the running server: the app's live stream of a pet. */
class LiveEventsIT {

    /** The engine analyses within a second or so; this much is a failure. */
    private static final Duration DELIVERED = Duration.ofSeconds(10);

    @Test
    void alertChangesReachTheStreamAsTheyHappenAndAResumedStreamGetsWhatItMissed() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        Instant at = Readings.recent();
        EventStream.Event opened;
        EventStream.Event resolved;
        try (EventStream stream = open(collar, null)) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());

            ingest(collar, at, 10);
            // The reading begins a resting session too: its behavior.began comes with the alert.
            opened = stream.next("alert.", DELIVERED);
            assertNotNull(opened, "no event within " + DELIVERED);
            assertEquals("alert.opened", opened.name());
            JsonObject alert = json(opened.data());
            assertEquals(List.of("low_battery", "open", "battery at 10 %", collar.petId().toString()),
                    List.of(alert.getString("kind"), alert.getString("state"), alert.getString("opened_detail"),
                            alert.getString("pet_id")));

            ingest(collar, at.plusSeconds(10), 30);
            resolved = stream.next("alert.", DELIVERED);
            assertNotNull(resolved);
            assertEquals("alert.resolved", resolved.name());
            assertTrue(Long.parseLong(resolved.id()) > Long.parseLong(opened.id()), "numbered in order per pet");
            assertEquals(alert.getString("id"), json(resolved.data()).getString("id"), "the same episode");
        }

        try (EventStream resumed = open(collar, opened.id())) {
            assertEquals(resolved, resumed.next("alert.", DELIVERED), "what came after the last event seen");
        }
        try (EventStream fromNow = open(collar, null)) {
            assertEquals(null, fromNow.next(Duration.ofSeconds(2)), "without an id, only what happens from now");
        }
    }

    @Test
    void anIdleStreamGetsAHeartbeatEveryFifteenSeconds() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        try (EventStream stream = open(collar, null)) {
            assertNotNull(stream.nextComment("heartbeat", Duration.ofSeconds(20)), "no heartbeat within 20 s");
        }
    }

    @Test
    void anIdTheLogDoesNotHoldStartsWithAReset() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        try (EventStream stream = open(collar, "999999")) {
            EventStream.Event reset = stream.next(DELIVERED);
            assertNotNull(reset);
            assertEquals("reset", reset.name());
        }
    }

    @Test
    void anotherOwnersPetABadIdAndNoTokenAreRefusedWithAProblem() {
        Fleet.Collar collar = Fleet.newCollar();
        Fleet.Owner stranger = Fleet.newOwner();

        try (EventStream theirs = EventStream.open(PettyHttp.BASE, collar.petId().toString(), stranger.accessToken(),
                null)) {
            assertEquals(404, theirs.status());
            assertTrue(theirs.body().contains("unknown-pet"), theirs.body());
        }
        try (EventStream badId = open(collar, "the-last-one")) {
            assertEquals(400, badId.status());
            assertTrue(badId.body().contains("invalid-last-event-id"), badId.body());
        }
        try (EventStream anonymous = EventStream.open(PettyHttp.BASE, collar.petId().toString(), null, null)) {
            assertEquals(401, anonymous.status());
        }
    }

    @Test
    void aLogoutEndsTheStreamsOfItsLoginAndNoOthers() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        String otherLogin = Fleet.login(collar.owner().email(), Fleet.PASSWORD).getString("access_token");
        try (EventStream loggedOut = open(collar, null);
             EventStream other = EventStream.open(PettyHttp.BASE, collar.petId().toString(), otherLogin, null)) {
            assertEquals(List.of(200, 200), List.of(loggedOut.status(), other.status()));
            assertEquals(204, postJson("/v1/auth/logout", "{}", collar.owner().accessToken()).statusCode());

            assertTrue(loggedOut.ends(Duration.ofSeconds(5)), "the logged-out token's stream still open after 5 s");
            assertFalse(other.ends(Duration.ofSeconds(1)), "the other login's stream ended too");
        }
    }

    @Test
    void streamsOfClientsThatVanishedAreReleased() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        List<Socket> vanishing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            vanishing.add(openRaw(collar));
        }
        try (EventStream ninth = open(collar, null)) {
            assertEquals(429, ninth.status(), "an account holds at most 8 at once");
            assertTrue(ninth.body().contains("too-many-streams"), ninth.body());
        }

        for (Socket client : vanishing) {
            client.close();
        }

        // Found on the next writes to them: the heartbeats, 15 s apart.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(50));
        while (true) {
            try (EventStream again = open(collar, null)) {
                if (again.status() == 200) {
                    return;
                }
                assertEquals(429, again.status());
            }
            assertTrue(Instant.now().isBefore(deadline), "the vanished clients' streams were not released");
            Thread.sleep(2_000);
        }
    }

    @Test
    void clientsThatStopReadingDelayNobody() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stalled.add(openRaw(collar));
        }
        try (EventStream healthy = open(collar, null)) {
            // A battery flapping at every reading: an alert opened or resolved per reading, some 400 bytes each on
            // the wire, more than a connection that is not read takes in.
            Instant at = Readings.recent().minusSeconds(600);
            for (int batch = 0; batch < 4; batch++) {
                List<String> readings = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    readings.add(Readings.withBattery(collar.id(), at.plusMillis(250L * (500 * batch + i)),
                            i % 2 == 0 ? 10 : 30));
                }
                Fleet.require(postJson("/v1/ingest", Readings.batch(readings), collar.deviceToken()), 201);
            }
            Instant last = Readings.recent();
            ingest(collar, last, 10);

            // Well within the 30 s after which a stalled client's write gives up: waiting for them would fail this.
            long sent = System.nanoTime();
            EventStream.Event lastAlert = healthy.next(Duration.ofSeconds(10), event -> event.name()
                    .equals("alert.opened") && json(event.data()).getString("opened_at").equals(last.toString()));
            assertNotNull(lastAlert, "the healthy client did not get every event up to the last within 10 s; the "
                    + "last alert stored: " + TestDatabase.count("SELECT count(*) FROM alert WHERE pet_id = '"
                    + collar.petId() + "' AND opened_at = '" + last + "'") + ", live events: "
                    + TestDatabase.count("SELECT count(*) FROM live_event WHERE pet_id = '" + collar.petId() + "'"));
            System.out.println("LIVE stalled clients: the last alert came " + (System.nanoTime() - sent) / 1_000_000
                    + " ms after its reading was acknowledged");
        } finally {
            for (Socket client : stalled) {
                client.close();
            }
        }
    }

    /** A stream opened on a connection of its own, its response's head read: the app on a phone about to vanish. */
    private static Socket openRaw(Fleet.Collar collar) throws IOException {
        Socket socket = new Socket();
        // A small window: what the server writes and this does not read stays with the server.
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(PettyHttp.BASE.getHost(), PettyHttp.BASE.getPort()));
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /v1/pets/" + collar.petId() + "/events HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\nAuthorization: Bearer " + collar.owner().accessToken() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        BufferedReader response = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII));
        assertEquals("HTTP/1.1 200 OK", response.readLine());
        return socket;
    }

    private static EventStream open(Fleet.Collar collar, String lastEventId) {
        return EventStream.open(PettyHttp.BASE, collar.petId().toString(), collar.owner().accessToken(), lastEventId);
    }

    private static void ingest(Fleet.Collar collar, Instant at, int batteryPct) {
        Fleet.require(postJson("/v1/ingest", Readings.withBattery(collar.id(), at, batteryPct), collar.deviceToken()),
                201);
    }

    private static JsonObject json(String data) {
        return Json.createReader(new StringReader(data)).readObject();
    }
}
