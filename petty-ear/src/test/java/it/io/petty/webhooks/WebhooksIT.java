package it.io.petty.webhooks;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.Readings;
import it.io.petty.TestDatabase;
import it.io.petty.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static it.io.petty.PettyHttp.assertWithin;
import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /v1/me/webhooks} and the deliveries, against the running server and a receiver on this machine. */
class WebhooksIT {

    private static final Duration DELIVERED = Duration.ofSeconds(10);

    @Test
    void anAlertIsDeliveredSignedToTheEndpointsThatWantItsKind() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonObject everything = register(collar.owner(), "{\"url\": \"" + receiver.url() + "\"}");
            String secret = everything.getString("secret");
            assertTrue(secret.startsWith("whsec_"), secret);
            JsonObject awayOnly = register(collar.owner(), "{\"url\": \"" + receiver.url()
                    + "\", \"kinds\": [\"left_home\"]}");
            JsonArray listed = Json.createReader(new StringReader(get("/v1/me/webhooks",
                    collar.owner().accessToken()).body())).readArray();
            assertEquals(2, listed.size());
            assertFalse(listed.getJsonObject(0).containsKey("secret"), "the secret is shown once");

            ingest(collar, 10);
            WebhookReceiver.Received delivery = receiver.next(DELIVERED);

            assertNotNull(delivery, "no delivery within " + DELIVERED);
            assertEquals(sign(secret, delivery.id(), delivery.timestamp(), delivery.body()), delivery.signature());
            JsonObject body = Json.createReader(new StringReader(delivery.body())).readObject();
            assertEquals("alert.opened", body.getString("type"));
            assertEquals("low_battery", body.getJsonObject("data").getString("kind"));
            assertEquals(collar.petId().toString(), body.getJsonObject("data").getString("pet_id"));
            assertEquals(0, TestDatabase.count("SELECT count(*) FROM webhook_delivery WHERE endpoint_id = '"
                    + awayOnly.getString("id") + "'"), "the other endpoint wants left_home only");
        }
    }

    @Test
    void aReceiverOutageIsRetriedLaterUnderTheSameId() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        try (WebhookReceiver receiver = new WebhookReceiver(503)) {
            register(collar.owner(), "{\"url\": \"" + receiver.url() + "\"}");

            ingest(collar, 10);
            WebhookReceiver.Received refused = receiver.next(DELIVERED);
            WebhookReceiver.Received retried = receiver.next(DELIVERED);

            assertNotNull(refused);
            assertNotNull(retried, "no retry within " + DELIVERED);
            assertEquals(refused.id(), retried.id(), "receivers drop duplicates by it");
            assertTrue(Duration.between(refused.at(), retried.at()).toMillis() >= 3_900,
                    "the first retry waits 5 s, give or take a fifth");
            assertWithin(DELIVERED, () -> TestDatabase.count("SELECT count(*) FROM webhook_delivery WHERE id = '"
                    + retried.id() + "' AND delivered_at IS NOT NULL AND attempts = 2") == 1,
                    "recorded as delivered at the second");
        }
    }

    @Test
    void aReceiverThatAnswersGoneIsSentNothingMore() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        try (WebhookReceiver receiver = new WebhookReceiver(410)) {
            String id = register(collar.owner(), "{\"url\": \"" + receiver.url() + "\"}").getString("id");

            ingest(collar, 10);
            assertNotNull(receiver.next(DELIVERED));
            assertWithin(DELIVERED, () -> Json.createReader(new StringReader(get("/v1/me/webhooks",
                    collar.owner().accessToken()).body())).readArray().getJsonObject(0).containsKey("disabled_at"),
                    "shown disabled");
            assertEquals(1, TestDatabase.count("SELECT count(*) FROM webhook_delivery WHERE endpoint_id = '" + id
                    + "' AND abandoned_at IS NOT NULL AND last_status = 410"), "the answer recorded");
            ingest(collar, 30);
            assertWithin(DELIVERED, () -> TestDatabase.count("SELECT count(*) FROM alert WHERE pet_id = '"
                    + collar.petId() + "' AND resolved_at IS NOT NULL") == 1, "the alert resolved");

            assertNull(receiver.next(Duration.ofSeconds(2)), "the resolution is not sent");
            assertEquals(0, TestDatabase.count("SELECT count(*) FROM webhook_delivery WHERE endpoint_id = '" + id
                    + "' AND event = 'alert.resolved'"));
        }
    }

    @Test
    void inTheQuietHoursADeliveryWaitsForTheirEnd() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        String from = now.minusHours(1).withSecond(0).withNano(0).toString();
        String until = now.plusHours(1).withSecond(0).withNano(0).toString();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = register(collar.owner(), "{\"url\": \"" + receiver.url() + "\", \"quiet_hours\": "
                    + "{\"from\": \"" + from + "\", \"until\": \"" + until + "\"}}").getString("id");

            ingest(collar, 10);

            assertNull(receiver.next(Duration.ofSeconds(4)), "the pet lives in UTC: it is quiet there now");
            assertEquals(1, TestDatabase.count("SELECT count(*) FROM webhook_delivery WHERE endpoint_id = '" + id
                    + "' AND next_attempt_at > now() + interval '50 minutes'"), "due at " + until + " UTC");
        }
    }

    @Test
    void badEndpointsAndOtherOwnersAreRefused() {
        Fleet.Owner owner = Fleet.newOwner();
        assertField(owner, "{\"url\": \"http://10.0.0.7/hook\"}", "url");
        assertField(owner, "{\"url\": \"https://169.254.169.254/latest/meta-data\"}", "url");
        assertField(owner, "{\"url\": \"ftp://example.com/hook\"}", "url");
        assertField(owner, "{\"url\": \"https://user:pass@127.0.0.1/hook\"}", "url");
        assertField(owner, "{}", "url");
        assertField(owner, "{\"url\": \"http://127.0.0.1:9/hook\", \"kinds\": [\"snoozed\"]}", "kinds");
        assertField(owner, "{\"url\": \"http://127.0.0.1:9/hook\", \"quiet_hours\": {\"from\": \"22:00\"}}",
                "quiet_hours");

        String id = register(owner, "{\"url\": \"http://127.0.0.1:9/hook\"}").getString("id");
        Fleet.Owner stranger = Fleet.newOwner();
        assertEquals(404, delete(id, stranger.accessToken()).statusCode());
        assertEquals(204, delete(id, owner.accessToken()).statusCode());
        assertEquals(404, delete(id, owner.accessToken()).statusCode());
        assertEquals(401, get("/v1/me/webhooks").statusCode());
    }

    @Test
    void anAccountRegistersTenEndpointsAtMostEvenAllAtOnce() throws Exception {
        Fleet.Owner owner = Fleet.newOwner();
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String body = "{\"url\": \"http://127.0.0.1:9/hook-" + i + "\"}";
                answers.add(clients.submit(() -> postJson("/v1/me/webhooks", body, owner.accessToken()).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(10, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
            assertEquals(2, statuses.stream().filter(status -> status == 422).count(), statuses.toString());
        } finally {
            clients.shutdownNow();
        }
        assertEquals(10, TestDatabase.count("SELECT count(*) FROM webhook_endpoint WHERE account_id = '"
                + owner.id() + "'"));
    }

    private static JsonObject register(Fleet.Owner owner, String body) {
        return json(Fleet.require(postJson("/v1/me/webhooks", body, owner.accessToken()), 201));
    }

    private static void assertField(Fleet.Owner owner, String body, String field) {
        HttpResponse<String> refused = postJson("/v1/me/webhooks", body, owner.accessToken());
        assertEquals(422, refused.statusCode(), body + " -> " + refused.body());
        assertEquals(field, json(refused).getJsonArray("errors").getJsonObject(0).getString("field"), body);
    }

    private static HttpResponse<String> delete(String id, String bearer) {
        return PettyHttp.send(PettyHttp.request("/v1/me/webhooks/" + id).header("Authorization", "Bearer " + bearer)
                .DELETE());
    }

    private static void ingest(Fleet.Collar collar, int batteryPct) {
        Fleet.require(postJson("/v1/ingest", Readings.withBattery(collar.id(), Readings.recent(), batteryPct),
                collar.deviceToken()), 201);
    }

    /** The Standard Webhooks signature, computed here as a receiver would. */
    static String sign(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
