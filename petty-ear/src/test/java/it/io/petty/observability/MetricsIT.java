package it.io.petty.observability;

import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.Readings;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.batch;
import static it.io.petty.Readings.reading;
import static it.io.petty.observability.ServedMetrics.awaitSample;
import static it.io.petty.observability.ServedMetrics.change;
import static it.io.petty.observability.ServedMetrics.scrape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Petty's own metrics as the server serves them: what a request did shows as the counter's change. */
class MetricsIT {

    @Test
    void ingestCountsReadingsByOutcomeAndRejectionsByReason() {
        Fleet.Collar collar = Fleet.newCollar();
        Instant start = Readings.recent().minusSeconds(60);
        Map<String, Double> before = scrape();

        HttpResponse<String> response = postJson("/v1/ingest", batch(List.of(
                reading(collar.id(), start),
                reading(collar.id(), start.plusSeconds(1)),
                reading(collar.id(), start),
                reading(collar.id(), start.plusSeconds(2)).replace("\"heart_rate\": 72", "\"heart_rate\": 400"))),
                collar.deviceToken());
        assertEquals(201, response.statusCode(), response.body());
        // A small body with nothing rejected is written in a group commit (alone or with others').
        assertEquals(201, postJson("/v1/ingest", reading(collar.id(), start.plusSeconds(3)), collar.deviceToken())
                .statusCode());
        Map<String, Double> after = scrape();

        assertEquals(3, change(before, after, "petty_readings_total{outcome=\"stored\"}"));
        assertEquals(1, change(before, after, "petty_readings_total{outcome=\"duplicate\"}"));
        assertEquals(1, change(before, after, "petty_readings_total{outcome=\"rejected\"}"));
        assertEquals(1, change(before, after, "petty_readings_rejected_total{reason=\"heart_rate\"}"));
        assertTrue(change(before, after, "petty_ingest_group_commit_readings_count") >= 1);
    }

    @Test
    void liveAnalysisCountsWhatItDetectedAndOwnersWhatTheyReadAndSaid() {
        Map<String, Double> before = scrape();

        ServedMetrics.Walked walked = ServedMetrics.walked();
        String walkId = Behavior.timeline(walked.collar(), walked.day().toString()).getJsonArray("timeline").stream()
                .map(JsonValue::asJsonObject).filter(event -> event.getString("behavior").equals("Walk")).findFirst()
                .orElseThrow().getString("event_id");
        assertEquals(201, postJson("/v1/submit-feedback", "{\"event_id\": \"" + walkId
                + "\", \"user_feedback\": \"incorrect\"}", walked.collar().owner().accessToken()).statusCode());
        Map<String, Double> after = scrape();

        // Other collars' analyses may count walks too: at least this one's.
        assertTrue(change(before, after, "petty_behaviors_detected_total{behavior=\"Walk\"}") >= 1);
        assertEquals(1, change(before, after, "petty_timelines_served_total"));
        assertEquals(1, change(before, after, "petty_feedback_total{verdict=\"incorrect\"}"));
    }

    @Test
    void refusalsAreCountedByRateLimitClassAndRefreshReuseIsCounted() {
        Fleet.Collar collar = Fleet.newCollar();
        Fleet.Owner owner = Fleet.newOwner();
        Map<String, Double> before = scrape();

        int refused = ServedMetrics.untilRateLimited(collar);
        String refresh = "{\"refresh_token\": \"" + owner.refreshToken() + "\"}";
        assertEquals(200, postJson("/v1/auth/refresh", refresh).statusCode());
        assertEquals(401, postJson("/v1/auth/refresh", refresh).statusCode());
        Map<String, Double> after = scrape();

        assertEquals(1, refused, "the collar's ingest bucket never ran out");
        assertEquals(1, change(before, after, "petty_rate_limited_total{class=\"ingest\"}"));
        assertEquals(1, change(before, after, "petty_refresh_reuse_detected_total"));
    }

    @Test
    void gaugesJobRunsAndRequestDurationHistogramsAreServed() {
        // The test server's nightly jobs are due from midnight: each ran as it came up.
        Map<String, Double> samples = awaitSample("petty_job_runs_total{job_name=\"retention\",outcome=\"completed\"}");
        assertTrue(samples.containsKey("petty_job_duration_seconds_count{job_name=\"retention\"}"), samples.keySet()
                .toString());
        assertEquals(2.0, samples.get("petty_ingest_permits_max"), "the test server's petty.ingest.max-concurrent");
        assertEquals(0.0, samples.get("petty_ingest_permits_in_use{size=\"large\"}"));
        assertTrue(samples.containsKey("petty_model_confidence"));
        assertTrue(samples.containsKey("petty_model_confidence_predictions"));
        assertTrue(samples.get("petty_signing_key_age_seconds") >= 0, "the server has signed tokens since it started");
        assertTrue(samples.keySet().stream().anyMatch(sample -> sample.startsWith(
                "http_server_request_duration_seconds_bucket{") && sample.contains("http_route=\"/v1/ingest\"")
                && sample.contains("le=\"2.0\"")), "no 2 s bucket for /v1/ingest");
    }

    @Test
    void loginsAreCountedByOutcome() {
        Fleet.Owner owner = Fleet.newOwner();
        Map<String, Double> before = scrape();

        assertEquals(401, postJson("/v1/auth/token", "{\"email\": \"" + owner.email()
                + "\", \"password\": \"not the password at all\"}").statusCode());
        Fleet.login(owner.email(), Fleet.PASSWORD);
        Map<String, Double> after = scrape();

        assertEquals(1, change(before, after, "petty_logins_total{outcome=\"failed\"}"));
        assertEquals(1, change(before, after, "petty_logins_total{outcome=\"succeeded\"}"));
    }
}
