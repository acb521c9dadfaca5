package io.petty.cli.server;

import io.petty.cli.Passwords;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * The REST API as the CLI uses it: JSON in and out with a bearer token, a {@code 202}'s {@code Location} followed, an
 * archive streamed to a file. A refusal (4xx) is a {@link Refused} with the problem's title, detail and fields. Signed
 * in with a password, it renews its access token when the server says it expired (a job followed for longer than a
 * token lives) and signs out when closed, leaving no login behind; a token from the environment is the user's to keep.
 */
public final class ServerApi implements AutoCloseable {

    /** The server refused the request: what it said, for the user to fix. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** What a {@code 202} answered: the body, and where to follow the work. */
    record Accepted(JsonObject body, String location) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private String bearer;
    /** Null when the access token came from the environment: then it is neither renewed nor revoked here. */
    private String refreshToken;

    private ServerApi(HttpClient http, URI base, String bearer, String refreshToken) {
        this.http = http;
        this.base = base;
        this.bearer = bearer;
        this.refreshToken = refreshToken;
    }

    /** Signed in with PETTY_TOKEN, else with the e-mail and a password typed now. */
    static ServerApi connect(ServerOptions options) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        URI base = options.url;
        String token = options.token();
        if (token != null) {
            return new ServerApi(http, base, token, null);
        }
        JsonObject login = Json.createObjectBuilder().add("email", options.email).add("password", Passwords.read())
                .build();
        JsonObject tokens = new ServerApi(http, base, null, null).post("/v1/auth/token", login).body();
        return new ServerApi(http, base, tokens.getString("access_token"), tokens.getString("refresh_token"));
    }

    /**
     * Signs out when it signed in: the login ends on the server. Best effort: the command's outcome stands whatever
     * this answers, and a login not ended lapses when its refresh token expires.
     */
    @Override
    public void close() {
        if (refreshToken == null) {
            return;
        }
        try {
            if (logout() == 401) {
                renew();
                logout();
            }
        } catch (RuntimeException e) {
            // the server is gone or refuses: nothing more to do from here
        } finally {
            refreshToken = null;
        }
    }

    private int logout() {
        return exchange(request("/v1/auth/logout").POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding(), "/v1/auth/logout").statusCode();
    }

    /** A read; when the access token expired meanwhile and this client signed in itself, renewed once. */
    JsonObject get(String path) {
        HttpResponse<String> response = exchange(request(path).GET(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), path);
        if (response.statusCode() == 401 && refreshToken != null) {
            renew();
            return get(path);
        }
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body(), path);
        }
        return json(response);
    }

    private void renew() {
        JsonObject tokens = json(send(request("/v1/auth/refresh").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("refresh_token", refreshToken)
                        .build().toString())), "/v1/auth/refresh"));
        bearer = tokens.getString("access_token");
        refreshToken = tokens.getString("refresh_token");
    }

    Accepted post(String path, JsonObject body) {
        HttpResponse<String> response = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), path);
        return new Accepted(json(response), response.headers().firstValue("Location").map(ServerApi::pathOf)
                .orElse(null));
    }

    /**
     * Streams the resource to {@code file} through a temporary file beside it, which takes the name only once its
     * SHA-256 is the one expected: a broken or altered download leaves nothing under the name, nor replaces what was.
     *
     * @return whether the download was the one expected (and is now {@code file})
     */
    boolean download(String path, Path file, String sha256) throws IOException {
        HttpResponse<InputStream> response = sendStreaming(request(path).GET(), path);
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (InputStream body = response.body();
             DigestInputStream digest = new DigestInputStream(body, MessageDigest.getInstance("SHA-256"))) {
            Files.copy(digest, partial, StandardCopyOption.REPLACE_EXISTING);
            if (!HexFormat.of().formatHex(digest.getMessageDigest().digest()).equals(sha256)) {
                return false;
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The path of an absolute URL the server gave (a Location, a download link), to follow on this connection. */
    static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json, application/zip");
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String path) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
                path);
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body(), path);
        }
        return response;
    }

    private HttpResponse<InputStream> sendStreaming(HttpRequest.Builder request, String path) throws IOException {
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream(), path);
        if (response.statusCode() >= 300) {
            try (InputStream body = response.body()) {
                throw refusal(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), path);
            }
        }
        return response;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, String path) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + base.resolve(path) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A refusal as the problem document words it; a server error (5xx) is not the user's to fix. */
    private RuntimeException refusal(int status, String body, String path) {
        StringJoiner message = new StringJoiner(": ");
        message.add(status + " from " + path);
        JsonObject problem = body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : parse(body);
        if (problem.containsKey("title")) {
            message.add(problem.getString("title"));
        }
        if (problem.containsKey("detail")) {
            message.add(problem.getString("detail"));
        }
        if (problem.containsKey("errors")) {
            problem.getJsonArray("errors").getValuesAs(JsonObject.class).forEach(error ->
                    message.add(error.getString("field") + " " + error.getString("message")));
        }
        return status < 500 ? new Refused(message.toString()) : new IllegalStateException(message.toString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return response.body().isBlank() ? JsonValue.EMPTY_JSON_OBJECT : parse(response.body());
    }

    private static JsonObject parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return Json.createObjectBuilder().add("detail", body.length() > 200 ? body.substring(0, 200) : body)
                    .build();
        }
    }
}
