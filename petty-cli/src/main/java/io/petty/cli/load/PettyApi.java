package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The calls the app and the collars make while a fleet is set up, each sent again after a {@code 429}, a
 * {@code 503} or a lost connection as {@link RetryPolicy} says. Blocking: provisioning is not what is measured.
 * Thread-safe: each call borrows a connection of its own.
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

    private final HttpConnections connections;
    private final RetryPolicy retry;
    /** Until the server has answered once, a refused connection means a wrong URL rather than a restart. */
    private final AtomicBoolean answered = new AtomicBoolean();

    PettyApi(HttpConnections connections, RetryPolicy retry) {
        this.connections = connections;
        this.retry = retry;
    }

    URI base() {
        return connections.server();
    }

    Answer post(String path, JsonObject body, String bearer) {
        return send("POST", path, bearer == null ? null : HttpConnection.bearer(bearer),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Answer send(String method, String path, byte[] authorization, byte[] json) {
        for (int failures = 1; ; failures++) {
            Duration retryAfter = Duration.ZERO;
            String failure;
            HttpConnection connection = connections.borrow();
            try {
                HttpConnection.Response response = connection.send(method, path, authorization, json, true);
                answered.set(true);
                if (!isRetryable(response.status())) {
                    return new Answer(response.status(), parse(response.body()));
                }
                retryAfter = response.retryAfter();
                failure = "HTTP " + response.status();
            } catch (IOException e) {
                if (!answered.get()) {
                    throw new IllegalStateException("no Petty server answers at " + base() + ": " + e, e);
                }
                failure = e.toString();
            } finally {
                connections.release(connection);
            }
            if (!retry.mayRetry(failures)) {
                throw new IllegalStateException(method + " " + base().resolve(path) + " failed " + failures
                        + " times, last: " + failure);
            }
            sleep(retry.delay(failures, retryAfter, ThreadLocalRandom.current()));
        }
    }

    /** Statuses after which the same request may simply be sent again: nothing was done. */
    static boolean isRetryable(int status) {
        return status == 429 || status == 503;
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
