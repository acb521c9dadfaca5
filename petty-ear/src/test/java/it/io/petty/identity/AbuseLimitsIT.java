package it.io.petty.identity;

import it.io.petty.Fleet;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token buckets per principal and endpoint class, and the login throttle. */
class AbuseLimitsIT {

    @Test
    void aCollarThatSendsFasterThanItsBucketGets429WithRetryAfterAndOthersDoNot() {
        Fleet.Collar greedy = Fleet.newCollar();
        Fleet.Collar neighbour = Fleet.newCollar();
        Instant start = Instant.now().minusSeconds(3000);
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            responses.add(postJson("/v1/ingest", reading(greedy.id(), start.plusSeconds(i)), greedy.deviceToken()));
        }

        HttpResponse<String> accepted = responses.get(0);
        assertEquals(201, accepted.statusCode());
        assertEquals("100", accepted.headers().firstValue("RateLimit-Limit").orElseThrow());
        assertEquals("99", accepted.headers().firstValue("RateLimit-Remaining").orElseThrow());
        HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertEquals("https://petty.io/problems/rate-limited", json(refused).getString("type"));
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals("0", refused.headers().firstValue("RateLimit-Remaining").orElseThrow());
        assertTrue(responses.stream().filter(r -> r.statusCode() == 201).count() >= 100, "the burst is honoured");

        assertEquals(201, postJson("/v1/ingest", reading(neighbour.id(), start), neighbour.deviceToken()).statusCode(),
                "another collar's bucket is its own");
    }

    @Test
    void afterFiveFailedLoginsFurtherAttemptsGet429EvenWithTheRightPassword() {
        Fleet.Owner owner = Fleet.newOwner();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(owner.email(), "wrong passphrase " + i).statusCode());
        }

        HttpResponse<String> throttled = login(owner.email(), Fleet.PASSWORD);
        assertEquals(429, throttled.statusCode(), throttled.body());
        assertEquals("https://petty.io/problems/login-throttled", json(throttled).getString("type"));
        assertTrue(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    void anUnknownEmailIsThrottledExactlyLikeAKnownOne() {
        String nobody = "nobody-" + System.nanoTime() + "@example.com";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(nobody, "wrong passphrase " + i).statusCode());
        }
        HttpResponse<String> throttled = login(nobody, "wrong passphrase 5");
        assertEquals(429, throttled.statusCode());
        assertFalse(throttled.body().contains(nobody), "the answer does not echo or judge the email");
    }

    private static HttpResponse<String> login(String email, String password) {
        return postJson("/v1/auth/token", """
                {"email": "%s", "password": "%s"}""".formatted(email, password));
    }
}
