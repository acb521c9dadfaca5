package it.io.petty.behavior;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BehaviorSmokeIT {

    @Test
    void restingReadingsBecomeEvents() {
        Fleet.Collar collar = Fleet.newCollar();
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            readings.add("""
                    {"collar_id": "%s", "timestamp": "%s", "heart_rate": 50, "activity_level": 0}""".formatted(collar.id(), start.plusSeconds(10L * i)));
        }
        assertEquals(201, postJson("/v1/ingest", "{\"readings\": [" + String.join(",", readings) + "]}", collar.deviceToken()).statusCode());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (TestDatabase.count("SELECT count(*) FROM behavior_event WHERE pet_id = '" + collar.petId() + "'") < 2) {
            assertTrue(System.nanoTime() < deadline, "no events within 10 s");
            PettyHttp.pause();
        }
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM analysis_backlog WHERE collar_id = '" + collar.id() + "'"));
    }
}
