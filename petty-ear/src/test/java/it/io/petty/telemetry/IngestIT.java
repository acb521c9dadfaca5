package it.io.petty.telemetry;

import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestIT {

    @Test
    void aPostedReadingComesBackFromRealtimeInTheShapeItWasPosted() {
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        Instant timestamp = recent();

        HttpResponse<String> posted = postJson("/v1/ingest", reading(collar, timestamp), device.deviceToken());
        assertEquals(201, posted.statusCode(), posted.body());
        JsonObject receipt = json(posted);
        assertEquals(1, receipt.getInt("stored"));
        assertEquals(0, receipt.getInt("duplicates"));
        assertEquals(posted.headers().firstValue("X-Request-ID").orElseThrow(), receipt.getString("request_id"));

        HttpResponse<String> latest = get("/v1/realtime?collar_id=" + collar, device.owner().accessToken());
        assertEquals(200, latest.statusCode(), latest.body());
        assertTrue(latest.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonObject view = json(latest);
        assertEquals(collar, view.getString("collar_id"));
        assertEquals(timestamp, Instant.parse(view.getString("timestamp")));
        assertEquals(72, view.getInt("heart_rate"));
        assertEquals(1, view.getInt("activity_level"));
        assertEquals("Point", view.getJsonObject("location").getString("type"));
        assertEquals(24.938412, view.getJsonObject("location").getJsonArray("coordinates").getJsonNumber(0).doubleValue());
        assertEquals(60.169856, view.getJsonObject("location").getJsonArray("coordinates").getJsonNumber(1).doubleValue());
        assertEquals(87, view.getInt("battery_pct"));
        assertEquals(38.6, view.getJsonNumber("temperature_c").doubleValue());
        Instant received = Instant.parse(view.getString("received_at"));
        assertTrue(Duration.between(received, Instant.now()).abs().toMinutes() < 5, "received_at is the server's clock");
        assertTrue(view.getJsonNumber("last_seen_age_s").longValue() < 300, "seen moments ago");
        assertFalse(view.containsKey("firmware"), "unknown fields are ignored, not stored");
    }

    @Test
    void aMotionWindowIsStoredCompactlyWithItsReading() throws SQLException {
        Fleet.Collar device = Fleet.newCollar();
        Instant timestamp = recent();
        String withMotion = reading(device.id(), timestamp).replace("\"temperature_c\": 38.6", """
                "temperature_c": 38.6, "motion": {"hz": 50, "accel": [[0.01, -0.98, 0.12], [0.02, -0.97, 0.11]],
                                                  "gyro": [[1.2, -0.4, 0.3], [1.1, -0.5, 0.2]]}""");

        assertEquals(201, postJson("/v1/ingest", withMotion, device.deviceToken()).statusCode());

        try (Connection db = TestDatabase.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT motion_hz, motion_samples, length(motion_accel), length(motion_gyro) FROM reading WHERE collar_id = ?")) {
            query.setString(1, device.id());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals(50, row.getInt(1));
                assertEquals(2, row.getInt(2));
                assertEquals(2 * 3 * 4, row.getInt(3), "2 samples x 3 axes x float32");
                assertEquals(2 * 3 * 4, row.getInt(4));
            }
        }
    }

    @Test
    void aReplayedReadingIsAcceptedAndNotStoredTwice() {
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        String body = reading(collar, recent());

        assertEquals(201, postJson("/v1/ingest", body, device.deviceToken()).statusCode());
        HttpResponse<String> replay = postJson("/v1/ingest", body, device.deviceToken());

        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals(0, json(replay).getInt("stored"));
        assertEquals(1, json(replay).getInt("duplicates"));
        assertEquals(1, TestDatabase.countReadings(collar));
    }

    @Test
    void realtimeShowsTheNewestReadingEvenWhenAnOlderOneArrivesLater() {
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        Instant newer = recent();
        Instant older = newer.minus(10, ChronoUnit.MINUTES);

        postJson("/v1/ingest", reading(collar, newer), device.deviceToken());
        postJson("/v1/ingest", reading(collar, older), device.deviceToken());

        assertEquals(newer, Instant.parse(json(get("/v1/realtime?collar_id=" + collar, device.owner().accessToken()))
                .getString("timestamp")));
        assertEquals(2, TestDatabase.countReadings(collar));
    }

    @Test
    void aLateReadingGetsItsDaysPartitionCreatedOnDemand() {
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        Instant lateButAccepted = Instant.now().minus(29, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        HttpResponse<String> posted = postJson("/v1/ingest", reading(collar, lateButAccepted), device.deviceToken());

        assertEquals(201, posted.statusCode(), posted.body());
        assertEquals(partitionName(LocalDate.ofInstant(lateButAccepted, ZoneOffset.UTC)),
                TestDatabase.partitionOf(collar, lateButAccepted.toString()));
    }

    @Test
    void readingsEitherSideOfMidnightUtcLandInTheirOwnDaysPartitions() {
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Instant lastMoment = yesterday.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000);
        Instant midnight = yesterday.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);

        assertEquals(201, postJson("/v1/ingest", reading(collar, lastMoment), device.deviceToken()).statusCode());
        assertEquals(201, postJson("/v1/ingest", reading(collar, midnight), device.deviceToken()).statusCode());

        assertEquals(partitionName(yesterday), TestDatabase.partitionOf(collar, lastMoment.toString()));
        assertEquals(partitionName(yesterday.plusDays(1)), TestDatabase.partitionOf(collar, midnight.toString()));
    }

    @Test
    void aTimestampWithoutOffsetIsTakenAsUtc() {
        Fleet.Collar device = Fleet.newCollar();
        String collar = device.id();
        Instant timestamp = recent().truncatedTo(ChronoUnit.SECONDS);
        String withoutOffset = timestamp.toString().replace("Z", "");

        assertEquals(201, postJson("/v1/ingest", reading(collar, Instant.EPOCH).replace("1970-01-01T00:00:00Z",
                withoutOffset), device.deviceToken()).statusCode());

        assertEquals(timestamp, Instant.parse(json(get("/v1/realtime?collar_id=" + collar,
                device.owner().accessToken())).getString("timestamp")));
    }

    private static String partitionName(LocalDate day) {
        return "reading_" + DateTimeFormatter.BASIC_ISO_DATE.format(day);
    }
}
