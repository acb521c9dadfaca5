package it.io.petty.behavior;

import io.petty.domain.motion.MotionModel;
import io.petty.domain.motion.MotionModels;
import io.petty.domain.testing.TestMotionModels;
import it.io.petty.EventStream;
import it.io.petty.Fleet;
import it.io.petty.Readings;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The motion classifier served by the running server: readings with a motion window get a behavior from the active
 * model, on the timeline and the live stream, and an activated model is served within seconds.
 */
class MotionClassifierIT {

    private static final Duration SOON = Duration.ofSeconds(10);
    private final MotionModels models = MotionModels.using(TestDatabase.dataSource());

    @Test
    void aMotionReadingsBehaviorFromTheBundledModelReachesTheStreamAndTheTimeline() throws Exception {
        String active = models.activeVersion().orElseThrow(() -> new AssertionError("the server activates one"));
        MotionModel model = models.active().orElseThrow();
        Fleet.Collar collar = Fleet.newCollar();
        Instant at = Readings.recent();
        Random random = new Random(3);
        try (EventStream stream = EventStream.open(it.io.petty.PettyHttp.BASE, collar.petId().toString(),
                collar.owner().accessToken(), null)) {
            for (int i = 0; i < 4; i++) {
                // A dog lying still, its collar upright: 2 s at 50 Hz.
                ingest(collar, at.plusSeconds(i), TestMotionModels.window("resting", 100, random, 50));
            }
            EventStream.Event began = null;
            for (EventStream.Event event; (event = stream.next("behavior.began", SOON)) != null; ) {
                if (model.labels().contains(parse(event.data()).getString("behavior"))) {
                    began = event;
                    break;
                }
            }
            assertNotNull(began, "no behavior of the model on the stream within " + SOON);
            JsonObject data = parse(began.data());
            assertEquals("behavior", data.getString("kind"));
            assertEquals(at.toString(), data.getString("start"));
            assertTrue(data.getJsonNumber("confidence").doubleValue() > 0.2);
        }
        JsonObject event = modelEvent(collar, active).orElseThrow(() -> new AssertionError("not on the timeline"));
        assertEquals("model", event.getString("source"));
        assertEquals("motion", event.getJsonObject("metadata").getString("detector"));
        assertEquals(at.toString(), event.getString("start"), "from the first reading with a window");
        int readings = event.getJsonObject("metadata").getInt("readings");
        assertTrue(readings >= 1 && readings <= 4, "an open event grows as readings come: " + readings);
        assertTrue(model.labels().contains(event.getString("behavior")), event.toString());
    }

    @Test
    void anActivatedModelIsServedWithinSecondsAndItsBehaviorsMayCorrectAnEvent() throws Exception {
        String bundled = models.activeVersion().orElseThrow();
        MotionModel tiny = TestMotionModels.tiny(Instant.now());
        models.store(tiny, "it", Instant.now());
        try {
            models.activate(tiny.version(), "it", Instant.now());
            Fleet.Collar collar = Fleet.newCollar();
            Instant at = Readings.recent();
            Random random = new Random(8);
            it.io.petty.PettyHttp.assertWithin(SOON, () -> {
                HttpResponse<String> timeline = get("/v1/pet-timeline?pet_id=" + collar.petId(),
                        collar.owner().accessToken());
                return json(timeline).getJsonObject("metadata").getString("model_version")
                        .contains("motion@" + tiny.version());
            }, "the timeline names the activated model");
            for (int i = 0; i < 3; i++) {
                ingest(collar, at.plusSeconds(i), TestMotionModels.window("bouncing", 50, random));
            }
            List<JsonObject> found = new ArrayList<>();
            it.io.petty.PettyHttp.assertWithin(SOON, () -> {
                modelEvent(collar, tiny.version()).ifPresent(found::add);
                return !found.isEmpty();
            }, "the activated model's event on the timeline");
            JsonObject event = found.get(0);
            assertEquals("bouncing", event.getString("behavior"));
            assertEquals(tiny.version(), event.getJsonObject("metadata").getString("detector_version"));

            HttpResponse<String> corrected = postJson("/v1/submit-feedback", Json.createObjectBuilder()
                    .add("event_id", event.getString("event_id")).add("user_feedback", "incorrect")
                    .add("corrected_behavior", "resting").build().toString(), collar.owner().accessToken());
            assertEquals(201, corrected.statusCode(), corrected.body());
        } finally {
            models.activate(bundled, "it", Instant.now());
        }
    }

    /** The collar's event on today's timeline that this model version made, if any yet. */
    private static Optional<JsonObject> modelEvent(Fleet.Collar collar, String version) {
        long deadline = System.nanoTime() + SOON.toNanos();
        do {
            HttpResponse<String> timeline = get("/v1/pet-timeline?pet_id=" + collar.petId(),
                    collar.owner().accessToken());
            for (JsonValue value : json(timeline).getJsonArray("timeline")) {
                JsonObject event = value.asJsonObject();
                if (version.equals(event.getJsonObject("metadata").getString("detector_version", ""))
                        && "motion".equals(event.getJsonObject("metadata").getString("detector", ""))) {
                    return Optional.of(event);
                }
            }
            it.io.petty.PettyHttp.pause();
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    private static void ingest(Fleet.Collar collar, Instant at, io.petty.domain.telemetry.MotionWindow motion) {
        HttpResponse<String> stored = postJson("/v1/ingest", Readings.withMotion(collar.id(), at, motion),
                collar.deviceToken());
        assertEquals(201, stored.statusCode(), stored.body());
    }

    private static JsonObject parse(String data) {
        return Json.createReader(new StringReader(data)).readObject();
    }
}
