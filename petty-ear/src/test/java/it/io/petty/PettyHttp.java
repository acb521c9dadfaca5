package it.io.petty;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A client for the server under test, at {@code petty.test.base-url}. Every response it receives is checked against
 * the server's OpenAPI document ({@link Contract}).
 */
public final class PettyHttp {

    public static final URI BASE = URI.create(System.getProperty("petty.test.base-url", "http://localhost:9080"));
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PettyHttp() {
    }

    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    public static HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public static HttpResponse<String> get(String path, String bearer) {
        return send(request(path).header("Authorization", "Bearer " + bearer).GET());
    }

    public static HttpResponse<String> postJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static HttpResponse<String> postJson(String path, String body, String bearer) {
        return send(request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return Contract.check(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** For a binary answer (an export's ZIP): its status and headers are checked against the contract, not its bytes. */
    public static HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean binary = response.headers().firstValue("Content-Type").orElse("").startsWith("application/zip");
            Contract.check(response.request(), response.statusCode(), response.headers(),
                    binary ? null : new String(response.body(), StandardCharsets.UTF_8));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * Asserts that the condition comes true within the time, asking again every 20 ms: for state that the server
     * changes in the background (a delivery recorded, a key learnt from a notification).
     */
    public static void assertWithin(Duration limit, BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError(what + ": not within " + limit);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Polls {@code /health/ready} until it answers 200, as a load balancer would. */
    public static void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (CLIENT.send(request("/health/ready").GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the server is (re)starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new AssertionError("server at " + BASE + " not ready within " + timeout);
    }

    /** The one wait the tests allow: between polls of a state they are waiting for. */
    public static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
