package it.io.petty.resilience;

import it.io.petty.Fleet;
import it.io.petty.Readings;
import it.io.petty.TestDatabase;
import it.io.petty.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook delivery waiting for its retry when the server is killed with SIGKILL is sent when it is started again,
 * under the same id: the outbox is in PostgreSQL, not in the server's memory.
 */
class WebhookCrashIT {

    @Test
    void aDeliveryDueForARetrySurvivesKillDashNine() throws Exception {
        Fleet.Collar collar = Fleet.newCollar();
        try (WebhookReceiver receiver = new WebhookReceiver(503)) {
            Fleet.require(postJson("/v1/me/webhooks", "{\"url\": \"" + receiver.url() + "\"}",
                    collar.owner().accessToken()), 201);
            Fleet.require(postJson("/v1/ingest", Readings.withBattery(collar.id(), Readings.recent(), 10),
                    collar.deviceToken()), 201);
            WebhookReceiver.Received refused = receiver.next(Duration.ofSeconds(10));
            assertNotNull(refused, "the first attempt did not come");
            Instant recorded = Instant.now().plusSeconds(10);
            while (TestDatabase.count("SELECT count(*) FROM webhook_delivery WHERE id = '" + refused.id()
                    + "' AND last_status = 503") == 0) {
                assertTrue(Instant.now().isBefore(recorded), "the refusal was not recorded");
                Thread.sleep(50);
            }

            // Its retry is due 4 to 6 s after the refusal: the server dies before that.
            Instant killed = Instant.now();
            TestServer.killAndRestart();

            WebhookReceiver.Received retried = receiver.next(Duration.ofSeconds(30));
            assertNotNull(retried, "the delivery was lost with the server");
            assertTrue(retried.at().isAfter(killed), "the retry was sent before the kill, which proves nothing");
            assertEquals(refused.id(), retried.id());
            assertEquals(refused.body(), retried.body());
        }
    }
}
