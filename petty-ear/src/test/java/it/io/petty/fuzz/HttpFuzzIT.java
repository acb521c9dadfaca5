package it.io.petty.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import it.io.petty.Contract;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.Readings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer generates requests across every endpoint and method of the API — paths, query strings, headers, tokens and
 * bodies, from well-formed to hostile — and every answer must be below 500, carry no stack trace, be a problem
 * document when it is an error, and be one the OpenAPI document declares when it has the operation
 * ({@link Contract}); the server is healthy afterwards. In fuzzing mode (JAZZER_FUZZ=1, the build's
 * fuzz-tests execution) it runs {@value #REQUESTS} requests; otherwise only its seeds.
 */
class HttpFuzzIT {

    static final int REQUESTS = 6_000;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong SENT = new AtomicLong();
    /** A line of a Java stack trace: {@code at io.petty.Some.method(Some.java:42)}. */
    private static final Pattern STACK_FRAME = Pattern.compile("at [\\w$.]+\\([\\w$]+\\.java:\\d+\\)");

    /** Method, path ({pet}, {collar}, {id} filled in) and the query parameters the endpoint reads. */
    private record Endpoint(String method, String path, String... query) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/v1/accounts"), new Endpoint("POST", "/v1/auth/token"),
            new Endpoint("POST", "/v1/auth/refresh"), new Endpoint("POST", "/v1/auth/device-token"),
            new Endpoint("POST", "/v1/auth/logout"), new Endpoint("POST", "/v1/auth/logout-all"),
            new Endpoint("POST", "/v1/me/password"), new Endpoint("GET", "/.well-known/jwks.json"),
            new Endpoint("POST", "/v1/pets"), new Endpoint("GET", "/v1/pets"), new Endpoint("GET", "/v1/pets/{pet}"),
            new Endpoint("PATCH", "/v1/pets/{pet}"), new Endpoint("DELETE", "/v1/pets/{pet}"),
            new Endpoint("POST", "/v1/collars"), new Endpoint("DELETE", "/v1/collars/{collar}"),
            new Endpoint("POST", "/v1/ingest"), new Endpoint("POST", "/ingest"),
            new Endpoint("GET", "/v1/realtime", "collar_id"), new Endpoint("GET", "/realtime", "collar_id"),
            new Endpoint("GET", "/v1/pet-timeline", "collar_id", "pet_id", "date"),
            new Endpoint("GET", "/pet-timeline", "collar_id", "date"),
            new Endpoint("POST", "/v1/submit-feedback"), new Endpoint("POST", "/submit-feedback"),
            new Endpoint("GET", "/v1/alerts", "pet_id", "state"), new Endpoint("POST", "/v1/alerts/{id}/acknowledge"),
            new Endpoint("GET", "/v1/pet-plan", "collar_id", "pet_id"), new Endpoint("GET", "/pet-plan", "collar_id"),
            new Endpoint("POST", "/v1/me/webhooks"), new Endpoint("GET", "/v1/me/webhooks"),
            new Endpoint("DELETE", "/v1/me/webhooks/{id}"), new Endpoint("GET", "/v1/pets/{pet}/events"),
            new Endpoint("GET", "/v1/admin/dead-letters", "collar_id", "limit", "before"),
            new Endpoint("PUT", "/v1/pets/{pet}"), new Endpoint("OPTIONS", "/v1/ingest"),
            new Endpoint("GET", "/v1/{id}"));

    /** Bodies as the endpoints expect them, for the fuzzer to start from and mutate. */
    private static final List<String> BODIES = List.of(
            "{\"email\":\"fuzz@example.com\",\"password\":\"a long enough passphrase\",\"display_name\":\"F\"}",
            "{\"refresh_token\":\"x\"}", "{\"collar_id\":\"SN-12345\",\"secret\":\"s\"}",
            "{\"current_password\":\"a long enough passphrase\",\"new_password\":\"another passphrase\"}",
            "{\"name\":\"Rex\",\"species\":\"dog\",\"breed\":\"x\",\"birth_date\":\"2020-04-01\",\"weight_kg\":31.5,"
                    + "\"body_condition_score\":5,\"home\":{\"lat\":60.1,\"lon\":24.9,\"radius_m\":100},"
                    + "\"time_zone\":\"Europe/Helsinki\"}",
            "{\"collar_id\":\"SN-12345\",\"pet_id\":\"{pet}\"}",
            "{\"event_id\":\"{id}\",\"user_feedback\":\"incorrect\",\"corrected_behavior\":\"Play\",\"note\":\"n\","
                    + "\"segment\":{\"a\":[1,2]}}",
            "{\"url\":\"https://example.com/hook\",\"kinds\":[\"low_battery\"],\"quiet_hours\":{\"from\":\"22:00\","
                    + "\"until\":\"07:00\"}}",
            "{\"readings\":[{READING},{READING}]}", "{READING}");

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "*/*");

    private static Fleet.Collar device;
    private static Fleet.Owner admin;
    private static final List<String> OWNER_TOKENS = new ArrayList<>();
    private static final List<String> COLLAR_TOKENS = new ArrayList<>();

    @BeforeAll
    static void aFewCallersOfEveryKind() {
        device = Fleet.newCollar();
        admin = Fleet.newAdmin();
        // Several of each, so that the per-principal rate limits leave most requests to reach the resources.
        for (int i = 0; i < 12; i++) {
            Fleet.Collar collar = i == 0 ? device : Fleet.newCollar();
            OWNER_TOKENS.add(collar.owner().accessToken());
            COLLAR_TOKENS.add(collar.deviceToken());
        }
    }

    @AfterAll
    static void theServerIsHealthyAfterwardsAndEveryRequestWasSent() {
        assertEquals(200, PettyHttp.get("/health/ready").statusCode());
        if (System.getenv("JAZZER_FUZZ") != null) {
            assertTrue(SENT.get() >= REQUESTS, "requests sent: " + SENT.get());
        }
    }

    @FuzzTest(maxExecutions = REQUESTS, maxDuration = "10m")
    void noRequestGetsAServerErrorOrAStackTrace(FuzzedDataProvider data) throws IOException, InterruptedException {
        Endpoint endpoint = ENDPOINTS.get(data.consumeInt(0, ENDPOINTS.size() - 1));
        Sent sent = request(endpoint, data);
        HttpRequest request = sent.request();
        HttpResponse<InputStream> response;
        // Jazzer's server-side request forgery detector would take the test's own calls for a finding.
        try (SilentCloseable toTheServerUnderTest = BugDetectors.allowNetworkConnections(
                (host, port) -> host.equals(PettyHttp.BASE.getHost()) && port == PettyHttp.BASE.getPort())) {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
        SENT.incrementAndGet();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String body;
        try (InputStream in = response.body()) {
            // An event stream never ends: its status and headers are what is checked.
            body = new String(contentType.startsWith("text/event-stream") ? in.readNBytes(0) : in.readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        String what = request.method() + " " + request.uri() + " -> " + response.statusCode() + " " + body;
        assertTrue(response.statusCode() < 500, what);
        assertFalse(STACK_FRAME.matcher(body).find() || body.contains("<html"), what);
        // An exception's name in an answer is a leak, unless the request itself carried the word (error pages echo
        // the path they refuse, problem documents the X-Request-ID): the fuzzer found both out.
        boolean echoed = (request.uri() + request.headers().map().toString()
                + new String(sent.body(), StandardCharsets.ISO_8859_1)).contains("Exception");
        assertFalse(body.contains("Exception") && !echoed, what);
        if (refusedByLibertyBeforeTheApplication(response.statusCode(), body)) {
            return;
        }
        if (response.statusCode() >= 400) {
            assertTrue(contentType.startsWith("application/problem+json"), what);
        }
        Contract.check(request, response.statusCode(), response.headers(),
                contentType.startsWith("text/event-stream") ? null : body);
    }

    /**
     * Liberty's web container answers a path holding percent-encoded control characters ({@code %09}) with its own
     * 400 (an HTML line, or JSON when the client prefers it) before any application (or its error page) is chosen;
     * no setting was found to change that. The one
     * exception to the problem documents, named here so that no other can hide behind it.
     */
    private static boolean refusedByLibertyBeforeTheApplication(int status, String body) {
        return status == 400 && body.contains("CWWWC0005I: The request URI has invalid or improperly encoded characters");
    }

    /** A request and the body it carries. */
    private record Sent(HttpRequest request, byte[] body) {
    }

    private static Sent request(Endpoint endpoint, FuzzedDataProvider data) {
        String path = endpoint.path().replace("{pet}", segment(pick(data, device.petId().toString())))
                .replace("{collar}", segment(pick(data, device.id())))
                .replace("{id}", segment(pick(data, UUID.randomUUID().toString())));
        StringBuilder uri = new StringBuilder(path);
        char separator = '?';
        for (String parameter : endpoint.query()) {
            if (data.consumeBoolean()) {
                String fitting = switch (parameter) {
                    case "collar_id" -> device.id();
                    case "pet_id" -> device.petId().toString();
                    case "date" -> "2026-12-01";
                    case "state" -> "open";
                    default -> "10";
                };
                uri.append(separator).append(parameter).append('=')
                        .append(URLEncoder.encode(pick(data, fitting), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PettyHttp.BASE.toString() + uri))
                .timeout(Duration.ofSeconds(30));
        String token = switch (data.consumeInt(0, 4)) {
            case 0 -> null;
            case 1 -> OWNER_TOKENS.get(data.consumeInt(0, OWNER_TOKENS.size() - 1));
            case 2 -> COLLAR_TOKENS.get(data.consumeInt(0, COLLAR_TOKENS.size() - 1));
            case 3 -> admin.accessToken();
            default -> data.consumeString(200);
        };
        if (token != null) {
            request.header("Authorization", headerValue(data.consumeBoolean() ? "Bearer " + token : token));
        }
        if (data.consumeBoolean()) {
            request.header("Idempotency-Key", headerValue(data.consumeString(300)));
        }
        if (data.consumeBoolean()) {
            request.header("Last-Event-ID", headerValue(data.consumeString(30)));
        }
        if (data.consumeBoolean()) {
            request.header("X-Request-ID", headerValue(data.consumeString(200)));
        }
        request.header("Content-Type", data.consumeBoolean() ? CONTENT_TYPES.get(data.consumeInt(0,
                CONTENT_TYPES.size() - 1)) : headerValue(data.consumeString(60)));
        byte[] body = body(data);
        return new Sent(request.method(endpoint.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build(), body);
    }

    /** A body the endpoint would take, with a value replaced by whatever the fuzzer makes; or raw bytes. */
    private static byte[] body(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> new byte[0];
            case 1 -> data.consumeBytes(4096);
            default -> {
                String template = BODIES.get(data.consumeInt(0, BODIES.size() - 1))
                        .replace("{READING}", Readings.reading(device.id(), Readings.recent()).strip())
                        .replace("{pet}", device.petId().toString()).replace("{id}", UUID.randomUUID().toString());
                // Replace one value (after a ':') with a fuzzed JSON fragment, or cut the body short.
                int colon = template.indexOf(':', data.consumeInt(0, template.length() - 1));
                if (colon < 0 || data.consumeBoolean()) {
                    yield template.substring(0, data.consumeInt(0, template.length())).getBytes(StandardCharsets.UTF_8);
                }
                int end = template.indexOf(',', colon);
                String fragment = data.consumeString(100);
                yield (template.substring(0, colon + 1) + fragment + (end < 0 ? "}" : template.substring(end)))
                        .getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * What of a fuzzed string an HTTP/1.1 header can carry (visible ASCII and spaces): the client refuses to send the
     * rest (line breaks, non-ASCII), so it could never reach the server.
     */
    private static String headerValue(String fuzzed) {
        String value = fuzzed.replaceAll("[^\\x20-\\x7e]", "").strip();
        return value.isEmpty() ? "x" : value;
    }

    /** A path segment, percent-encoded: whatever it holds reaches the server as it is. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The fitting value, or one the fuzzer makes. */
    private static String pick(FuzzedDataProvider data, String fitting) {
        return data.consumeBoolean() ? fitting : data.consumeString(80);
    }
}
