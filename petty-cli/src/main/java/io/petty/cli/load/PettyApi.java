package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The calls the app and the collars make while a fleet is set up, each sent again after a {@code 429}, a
 * {@code 503} or a lost connection as {@link RetryPolicy} says. Blocking: provisioning is not what is measured.
 */
final class PettyApi {

    /** What the server answered: its status and, when it sent one, its JSON object. */
    record Answer(int status, JsonObject body) {
        boolean is(int expected) {
            return status == expected;
        }

        String text(String field) {
            return body.getString(field);
        }
    }

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final RetryPolicy retry;
    /** Until the server has answered once, a refused connection means a wrong URL rather than a restart. */
    private final AtomicBoolean answered = new AtomicBoolean();

    PettyApi(HttpClient http, URI base, RetryPolicy retry) {
        this.http = http;
        this.base = base;
        this.retry = retry;
    }

    URI base() {
        return base;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
    }

    Answer post(String path, JsonObject body, String bearer) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        for (int failures = 1; ; failures++) {
            Duration retryAfter = Duration.ZERO;
            String failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                answered.set(true);
                if (!isRetryable(response.statusCode())) {
                    return new Answer(response.statusCode(), parse(response.body()));
                }
                retryAfter = retryAfter(response.headers());
                failure = "HTTP " + response.statusCode();
            } catch (IOException e) {
                if (!answered.get()) {
                    throw new IllegalStateException("no Petty server answers at " + base + ": " + e, e);
                }
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while calling " + request.uri(), e);
            }
            if (!retry.mayRetry(failures)) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " failed " + failures
                        + " times, last: " + failure);
            }
            sleep(retry.delay(failures, retryAfter, ThreadLocalRandom.current()));
        }
    }

    /** Statuses after which the same request may simply be sent again: nothing was done. */
    static boolean isRetryable(int status) {
        return status == 429 || status == 503;
    }

    /** {@code Retry-After} in seconds (the form Petty sends); zero when absent or a date. */
    static Duration retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After")
                .filter(value -> !value.isEmpty() && value.chars().allMatch(Character::isDigit))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds))).orElse(Duration.ZERO);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank() || body.charAt(0) != '{') {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
