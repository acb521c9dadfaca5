package it.io.petty.resilience;

import com.nimbusds.jwt.SignedJWT;
import io.petty.devdb.EmbeddedDatabase;
import io.petty.domain.motion.MotionModel;
import io.petty.domain.motion.MotionModels;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import io.petty.domain.testing.SampleDay;
import io.petty.domain.testing.TestMotionModels;
import it.io.petty.Behavior;
import it.io.petty.Contract;
import it.io.petty.EventStream;
import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.Readings;
import it.io.petty.ServerLog;
import it.io.petty.TestDatabase;
import it.io.petty.TokenForge;
import it.io.petty.WebhookReceiver;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static it.io.petty.PettyHttp.assertWithin;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Liberty servers on one database behave as one: a key rotated while both run, and a logout on the first,
 * reach the second within a second, as does a collar's unpairing; a reading acknowledged by either is at once
 * the real-time view of both; both analyse the readings, and each event is found once; a rate limit is one limit
 * however the requests are spread over them.
 * The second server is a copy of the first's configuration on other ports, started and stopped by this test, but
 * without what only the tests' server has (its role's configDropin: the API document, open metrics, Arquillian's
 * connector), so it runs production's configuration; it trusts the loopback address as a proxy (the first trusts
 * none), so the two show both sides of forwarded addresses. And tracing is on on the second (off on the first, the
 * default), its spans written to its log.
 */
class TwoServersIT {

    private static final Path WLP = Path.of(System.getProperty("petty.test.wlp.dir"));
    private static final Path SERVERS = WLP.resolve("usr/servers");
    private static final String SECOND = "petty2";
    private static final int SECOND_HTTP_PORT = 19081;
    private static final URI SECOND_BASE = URI.create("http://localhost:" + SECOND_HTTP_PORT);
    private static final Duration PROPAGATION = Duration.ofSeconds(1);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String LOOPBACK_PROXY = "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1";
    /** The test server's timeline limit (production's): 20 at once, 2 a second. */
    private static final int TIMELINE_BURST = 20;
    private static final double TIMELINE_PER_SECOND = 2;
    /** Tracing as the README switches it on, its spans written to the server's log by the logging exporter. */
    private static final String TRACING_ON = "<variable name=\"otel.sdk.disabled\" value=\"false\"/>"
            + "<variable name=\"otel.traces.exporter\" value=\"logging\"/>"
            + "<variable name=\"otel.service.name\" value=\"petty\"/>";
    private static final String SPAN_EXPORTER = "io.opentelemetry.exporter.logging.LoggingSpanExporter";

    @BeforeAll
    static void startASecondServerOnTheSameDatabase() throws IOException, InterruptedException {
        Path second = SERVERS.resolve(SECOND);
        EmbeddedDatabase.deleteRecursively(second);
        copy(SERVERS.resolve("petty"), second);
        Files.delete(second.resolve("configDropins/overrides/petty-role.xml"));
        Path variables = second.resolve("configDropins/overrides/liberty-plugin-variable-config.xml");
        Files.writeString(variables, Files.readString(variables)
                .replaceAll("name=\"http.port\" value=\"\\d+\"", "name=\"http.port\" value=\"" + SECOND_HTTP_PORT + "\"")
                .replaceAll("name=\"https.port\" value=\"\\d+\"", "name=\"https.port\" value=\"19444\"")
                .replace("</server>", "<variable name=\"petty.http.trusted-proxies\" value=\"" + LOOPBACK_PROXY
                        + "\"/>" + TRACING_ON + "</server>"));
        run("start");
        Instant deadline = Instant.now().plusSeconds(120);
        while (status("/health/ready", null) != 200) {
            assertTrue(Instant.now().isBefore(deadline), "the second server did not become ready");
            PettyHttp.pause();
        }
    }

    @AfterAll
    static void stopTheSecondServer() throws IOException, InterruptedException {
        run("stop");
    }

    @Test
    void aRotatedKeyAndALogoutOnOneServerReachTheOtherWithinOneSecond() throws Exception {
        Fleet.Owner owner = Fleet.newOwner();
        assertEquals(200, status("/v1/pets", owner.accessToken()), "a token from server 1 works on server 2");

        String newKid = TokenForge.serverKeys().rotate(Duration.ofMinutes(15));
        String[] refresh = {owner.refreshToken()};
        String[] rotated = {null};
        assertWithin(PROPAGATION, () -> {
            JsonObject pair = json(postJson("/v1/auth/refresh", "{\"refresh_token\": \"" + refresh[0] + "\"}"));
            refresh[0] = pair.getString("refresh_token");
            rotated[0] = pair.getString("access_token");
            return kid(rotated[0]).equals(newKid);
        }, "server 1 signs with the rotated key");
        assertWithin(PROPAGATION, () -> status("/v1/pets", rotated[0]) == 200,
                "server 2 accepts the rotated key's tokens");

        assertEquals(204, postJson("/v1/auth/logout", "{}", rotated[0]).statusCode(), "logout on server 1");
        assertWithin(PROPAGATION, () -> status("/v1/pets", rotated[0]) == 401, "server 2 refuses the logged-out token");
    }

    @Test
    void anAlertFoundOnOneServerReachesAStreamOpenOnTheOther() throws InterruptedException {
        Fleet.Collar device = Fleet.newCollar();
        try (EventStream stream = EventStream.open(SECOND_BASE, device.petId().toString(),
                device.owner().accessToken(), null)) {
            assertEquals(200, stream.status());
            Fleet.require(postJson("/v1/ingest", Readings.withBattery(device.id(), Readings.recent(), 10),
                    device.deviceToken()), 201);

            // Either server's engine may find it: the live log's notification reaches the stream either way.
            EventStream.Event opened = stream.next("alert.", Duration.ofSeconds(10));
            assertNotNull(opened, "no alert on the second server's stream within 10 s");
            assertEquals("alert.opened", opened.name());
        }
    }

    @Test
    void twoServersSendEachWebhookDeliveryOnce() throws InterruptedException {
        Fleet.Collar device = Fleet.newCollar();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Fleet.require(postJson("/v1/me/webhooks", "{\"url\": \"" + receiver.url() + "\"}",
                    device.owner().accessToken()), 201);
            // A battery flapping: an alert opened or resolved by each reading, sent to either server.
            Instant start = Readings.recent().minusSeconds(60);
            for (int i = 0; i < 10; i++) {
                URI server = i % 2 == 0 ? PettyHttp.BASE : SECOND_BASE;
                HttpResponse<String> posted = send(HttpRequest.newBuilder(server.resolve("/v1/ingest"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + device.deviceToken())
                        .POST(HttpRequest.BodyPublishers.ofString(Readings.withBattery(device.id(),
                                start.plusSeconds(i), i % 2 == 0 ? 10 : 30))));
                assertEquals(201, posted.statusCode(), posted.body());
            }

            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                WebhookReceiver.Received delivery = receiver.next(Duration.ofSeconds(10));
                assertNotNull(delivery, "delivery " + i + " did not come");
                assertTrue(ids.add(delivery.id()), "sent twice: " + delivery.id());
            }
            assertEquals(null, receiver.next(Duration.ofSeconds(3)), "nothing more, from either server");
        }
    }

    @Test
    void bothServersShowTheNewestReadingAsSoonAsEitherAcknowledgesIt() {
        Fleet.Collar device = Fleet.newCollar();
        Instant start = Readings.recent().minusSeconds(60);
        Instant newest = Instant.EPOCH;
        for (int i = 0; i < 12; i++) {
            // Every third reading is a late arrival, older than the newest: it must not replace it on either server.
            Instant timestamp = i % 3 == 2 ? start.plusSeconds(i - 2).plusMillis(500) : start.plusSeconds(i);
            URI server = i % 2 == 0 ? PettyHttp.BASE : SECOND_BASE;
            HttpResponse<String> posted = send(HttpRequest.newBuilder(server.resolve("/v1/ingest"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + device.deviceToken())
                    .POST(HttpRequest.BodyPublishers.ofString(Readings.reading(device.id(), timestamp))));
            assertEquals(201, posted.statusCode(), posted.body());
            newest = timestamp.isAfter(newest) ? timestamp : newest;

            for (URI reader : new URI[] {PettyHttp.BASE, SECOND_BASE}) {
                HttpResponse<String> latest = send(HttpRequest.newBuilder(reader.resolve("/v1/realtime?collar_id="
                        + device.id())).header("Authorization", "Bearer " + device.owner().accessToken()));
                assertEquals(200, latest.statusCode(), latest.body());
                assertEquals(newest, Instant.parse(json(latest).getString("timestamp")), "reading " + i + " via " + reader);
            }
        }
    }

    @Test
    void aMotionModelActivatedFromTheCommandLineIsServedByBothServersWithinSeconds() {
        MotionModels models = MotionModels.using(TestDatabase.dataSource());
        String before = models.activeVersion().orElseThrow();
        MotionModel tiny = TestMotionModels.tiny(Instant.now());
        models.store(tiny, "it", Instant.now());
        Fleet.Collar device = Fleet.newCollar();
        try {
            models.activate(tiny.version(), "it", Instant.now());
            for (URI server : new URI[] {PettyHttp.BASE, SECOND_BASE}) {
                assertWithin(Duration.ofSeconds(5), () -> json(send(HttpRequest.newBuilder(server.resolve(
                        "/v1/pet-timeline?pet_id=" + device.petId())).header("Authorization", "Bearer "
                        + device.owner().accessToken()))).getJsonObject("metadata").getString("model_version")
                        .contains("motion@" + tiny.version()), "the model served by " + server);
            }
        } finally {
            models.activate(before, "it", Instant.now());
        }
    }

    @Test
    void aJobRunStartedOnOneServerIsReadFromTheOtherAndTheNightlyRunStartsOnce() {
        Fleet.Owner admin = Fleet.newAdmin();
        HttpResponse<String> started = send(HttpRequest.newBuilder(PettyHttp.BASE.resolve("/v1/admin/retention"))
                .header("Authorization", "Bearer " + admin.accessToken())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, started.statusCode(), started.body());
        long id = json(started).getJsonNumber("execution_id").longValue();
        HttpResponse<String> seen = send(HttpRequest.newBuilder(SECOND_BASE.resolve("/v1/admin/jobs/" + id))
                .header("Authorization", "Bearer " + admin.accessToken()));
        assertEquals(200, seen.statusCode(), seen.body());
        assertEquals("retention", json(seen).getString("job"), "the job repository is shared");
        // Both servers check the nightly schedule every minute, due from midnight on the test servers: one run a day,
        // counted by its audit entries (a claim row is one per day by its key, whoever claims).
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM audit_event WHERE type = 'job.started' AND detail"
                + " LIKE 'retention execution % (schedule)' AND at >= '" + LocalDate.now(ZoneOffset.UTC) + "'"));
    }

    @Test
    void aCollarUnpairedOnOneServerIsRefusedByTheOtherWithinOneSecond() {
        Fleet.Collar device = Fleet.newCollar();
        Instant start = Readings.recent();
        assertEquals(201, ingestOnSecond(device, start).statusCode(), "the second server now remembers the pairing");

        HttpResponse<String> unpaired = PettyHttp.send(PettyHttp.request("/v1/collars/" + device.id())
                .header("Authorization", "Bearer " + device.owner().accessToken()).DELETE());
        assertEquals(204, unpaired.statusCode(), unpaired.body());

        int[] attempt = {0};
        assertWithin(PROPAGATION, () -> ingestOnSecond(device, start.plusSeconds(++attempt[0])).statusCode() == 401,
                "the second server refuses the unpaired collar's token");
    }

    @Test
    void twoServersAnalysingOneBacklogFindEveryEventOnce() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        List<Reading> sample = SampleDay.readings(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        Set<String> expected = Behavior.expectedEvents(sample);
        List<Fleet.Collar> collars = List.of(Fleet.newCollar(), Fleet.newCollar(), Fleet.newCollar());
        for (Fleet.Collar collar : collars) {
            List<Reading> readings = ReadingScript.forCollar(sample, collar.id());
            for (int from = 0, batch = 0; from < readings.size(); from += 500, batch++) {
                List<String> documents = readings.subList(from, Math.min(readings.size(), from + 500)).stream()
                        .map(Behavior::json).toList();
                // Each server stores every other batch, and both run the engine on the one backlog.
                URI server = batch % 2 == 0 ? PettyHttp.BASE : SECOND_BASE;
                HttpResponse<String> stored = send(HttpRequest.newBuilder(server.resolve("/v1/ingest"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + collar.deviceToken())
                        .POST(HttpRequest.BodyPublishers.ofString(Readings.batch(documents))));
                assertEquals(201, stored.statusCode(), stored.body());
            }
        }
        for (Fleet.Collar collar : collars) {
            Behavior.awaitAnalysed(collar.id(), Duration.ofSeconds(120));
            assertEquals(expected, Behavior.shownEvents(Behavior.timeline(collar, day.toString())), collar.id());
            assertEquals(expected.size(), TestDatabase.count("SELECT count(*) FROM behavior_event WHERE pet_id = '"
                    + collar.petId() + "'"), "no event twice");
        }
    }

    @Test
    void twoServersEnforceOneRateNotTwo() {
        Fleet.Owner owner = Fleet.newOwner();
        int allowed = 0;
        Set<URI> refusing = new HashSet<>();
        Instant start = Instant.now();
        for (int i = 0; i < 2 * TIMELINE_BURST; i++) {
            URI server = i % 2 == 0 ? PettyHttp.BASE : SECOND_BASE;
            HttpResponse<String> answer = send(HttpRequest.newBuilder(server.resolve("/v1/pet-timeline?pet_id="
                    + UUID.randomUUID())).header("Authorization", "Bearer " + owner.accessToken()));
            if (answer.statusCode() == 429) {
                refusing.add(server);
            } else {
                assertEquals(404, answer.statusCode(), answer.body());
                allowed++;
            }
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        // Two servers with buckets of their own would allow all 40. Shared, they allow the burst and what refilled,
        // less at most a lease (a tenth of the burst) left unspent on the server the caller did not come back to.
        int most = TIMELINE_BURST + (int) Math.ceil(seconds * TIMELINE_PER_SECOND);
        assertTrue(allowed <= most && allowed >= TIMELINE_BURST - TIMELINE_BURST / 10,
                allowed + " allowed in " + seconds + " s; at most " + most);
        assertEquals(Set.of(PettyHttp.BASE, SECOND_BASE), refusing,
                "each server refused once the one bucket was empty");
    }

    @Test
    void aTrustedProxysForwardedAddressIsTheClientAndAnyoneElsesIsIgnored() {
        // Refresh is limited per client address: RateLimit-Remaining shows whose bucket a request was charged to.
        assertEquals(List.of(199L, 199L), List.of(refreshRemaining(SECOND_BASE, "198.51.100.7"),
                refreshRemaining(SECOND_BASE, "198.51.100.8")), "the second server trusts loopback: two clients");
        // Only a bucket's first request after a lease from a full bucket shows 199; the next in the same bucket cannot.
        assertNotEquals(List.of(199L, 199L), List.of(refreshRemaining(PettyHttp.BASE, "198.51.100.7"),
                refreshRemaining(PettyHttp.BASE, "198.51.100.8")), "the first server trusts no proxy: one client");
    }

    @Test
    void withTracingOnAnIngestIsOneTraceWithItsDatabaseSpan() throws IOException {
        Fleet.Collar device = Fleet.newCollar();
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        Path log = ServerLog.of(SECOND);
        long from = Files.size(log);

        HttpResponse<String> stored = send(HttpRequest.newBuilder(SECOND_BASE.resolve("/v1/ingest"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + device.deviceToken())
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .POST(HttpRequest.BodyPublishers.ofString(Readings.reading(device.id(), Readings.recent()))));
        assertEquals(201, stored.statusCode(), stored.body());

        // The logging exporter writes each span as it ends: "'name' : traceId spanId KIND [tracer: ...] ...".
        List<String> spans = new ArrayList<>();
        assertWithin(Duration.ofSeconds(5), () -> {
            spans.clear();
            ServerLog.entries(sinceQuietly(log, from)).stream()
                    .filter(entry -> SPAN_EXPORTER.equals(entry.getString("module", "")))
                    .map(entry -> entry.getString("message")).filter(span -> span.contains(" : " + traceId + " "))
                    .forEach(spans::add);
            return spans.size() >= 2;
        }, "the ingest's spans in the second server's log");
        assertEquals(2, spans.size(), spans.toString());
        assertTrue(spans.stream().anyMatch(span -> span.startsWith("'INSERT reading' : ") && span.contains(" CLIENT ")),
                spans.toString());
        assertTrue(spans.stream().anyMatch(span -> span.contains("/v1/ingest") && span.contains(" SERVER ")),
                spans.toString());
    }

    @Test
    void withTracingOnAJobRunIsOneSpan() throws IOException {
        Fleet.Owner admin = Fleet.newAdmin();
        Path log = ServerLog.of(SECOND);
        long from = Files.size(log);

        HttpResponse<String> started = send(HttpRequest.newBuilder(SECOND_BASE.resolve("/v1/admin/retention"))
                .header("Authorization", "Bearer " + admin.accessToken())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, started.statusCode(), started.body());
        String execution = Long.toString(json(started).getJsonNumber("execution_id").longValue());

        assertWithin(Duration.ofSeconds(30), () -> ServerLog.entries(sinceQuietly(log, from)).stream()
                .filter(entry -> SPAN_EXPORTER.equals(entry.getString("module", "")))
                .map(entry -> entry.getString("message")).anyMatch(span -> span.startsWith("'job retention' : ")
                        && span.contains("petty.job.execution=" + execution)), "the retention run's span");
    }

    @Test
    void productionsConfigurationKeepsMetricsTheApiDocumentAndTheJmxConnectorToItself() throws IOException {
        assertEquals(200, status(PettyHttp.BASE, "/openapi"), "the tests' server serves them");
        assertEquals(200, status(PettyHttp.BASE, "/metrics"));
        assertEquals(404, status(SECOND_BASE, "/openapi"), "production serves no API document");
        assertEquals(302, status(SECOND_BASE, "/metrics"), "metrics only over HTTPS, and there only to Liberty's "
                + "administrator and reader roles (checked by hand: 401)");
        String features = Files.readAllLines(SERVERS.resolve(SECOND).resolve("logs/messages.log")).stream()
                .filter(line -> line.contains("CWWKF0012I")).findFirst().orElseThrow();
        assertTrue(features.contains("mpMetrics") && !features.contains("localConnector")
                && !features.contains("mpOpenAPI"), features);
    }

    private static int status(URI server, String path) {
        return send(HttpRequest.newBuilder(server.resolve(path))).statusCode();
    }

    private static long refreshRemaining(URI server, String forwardedFor) {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(server.resolve("/v1/auth/refresh"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\": \"not-a-token\"}")));
        assertEquals(401, refused.statusCode(), refused.body());
        return Long.parseLong(refused.headers().firstValue("RateLimit-Remaining").orElseThrow());
    }

    private static HttpResponse<String> ingestOnSecond(Fleet.Collar device, Instant timestamp) {
        return send(HttpRequest.newBuilder(SECOND_BASE.resolve("/v1/ingest"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + device.deviceToken())
                .POST(HttpRequest.BodyPublishers.ofString(Readings.reading(device.id(), timestamp))));
    }

    private static String sinceQuietly(Path log, long from) {
        try {
            return ServerLog.since(log, from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return Contract.check(CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int status(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(SECOND_BASE.resolve(path)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String kid(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static void run(String action) throws IOException, InterruptedException {
        Process server = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, SECOND)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        server.waitFor();
    }

    /** The first server's configuration and application, without its runtime state (logs, workarea). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("logs") || relative.startsWith("workarea") || relative.startsWith("tranlog")
                        || relative.startsWith("apps/expanded")) {
                    continue;
                }
                Path target = to.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
