package io.petty.cli.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.petty.cli.load.ScriptedServer.ok;
import static io.petty.cli.load.ScriptedServer.raw;
import static io.petty.cli.load.ScriptedServer.rawThenClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpConnectionTest {

    private static final byte[] READING = "{\"collar_id\":\"LD-000001\",\"heart_rate\":90}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOKEN = HttpConnection.bearer("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl");

    private ScriptedServer server;
    private HttpConnection connection;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        connection = new HttpConnection(server.uri(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws IOException {
        connection.close();
        server.close();
    }

    @Test
    void sendsTheRequestAsCollarsDoAndKeepsOneConnectionAlive() throws IOException {
        server.then(ok(201, "{\"stored\":1}")).then(ok(200, "{\"duplicates\":1}")).then(ok(200, "{}"));

        HttpConnection.Response first = connection.send("POST", "/v1/ingest", TOKEN, READING, true);
        HttpConnection.Response second = connection.send("POST", "/v1/ingest", TOKEN, READING, true);
        HttpConnection.Response third = connection.send("GET", "/v1/realtime?collar_id=LD-000001", TOKEN, null, true);

        assertEquals(201, first.status());
        assertEquals("{\"stored\":1}", first.body());
        assertEquals(200, second.status());
        assertEquals("{\"duplicates\":1}", second.body());
        assertEquals("{}", third.body());
        assertEquals(1, server.connections(), "one connection, kept alive");
        assertEquals(1, connection.opened());

        ScriptedServer.Request post = server.requests().get(0);
        assertEquals("POST", post.method());
        assertEquals("/v1/ingest", post.target());
        assertEquals(server.uri().getAuthority(), post.headers().get("host"));
        assertEquals("application/json", post.headers().get("content-type"));
        assertEquals(Integer.toString(READING.length), post.headers().get("content-length"));
        assertEquals("Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", post.headers().get("authorization"));
        assertEquals("keep-alive", post.headers().get("connection"));
        assertEquals(new String(READING, StandardCharsets.UTF_8), post.body());
        ScriptedServer.Request get = server.requests().get(2);
        assertEquals("GET", get.method());
        assertEquals("/v1/realtime?collar_id=LD-000001", get.target());
        assertFalse(get.headers().containsKey("content-length"), "a GET has no body");
        assertFalse(get.headers().containsKey("content-type"));
    }

    @Test
    void readsAChunkedAnswerAndTheNextOneOnTheSameConnection() throws IOException {
        server.then(raw("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                        + "7\r\n{\"store\r\n"
                        + "A;name=value\r\nd\":1,\"dupl\r\n"
                        + "0b\r\nicates\":0,\"\r\n"
                        + "3\r\nr\":\r\n"
                        + "3\r\n\"x\"\r\n"
                        + "1\r\n}\r\n"
                        + "0\r\nX-Trailer: yes\r\n\r\n"))
                .then(ok(200, "{\"next\":true}"));

        HttpConnection.Response chunked = connection.send("POST", "/v1/ingest", TOKEN, READING, true);
        HttpConnection.Response next = connection.send("POST", "/v1/ingest", TOKEN, READING, true);

        assertEquals(201, chunked.status());
        assertEquals("{\"stored\":1,\"duplicates\":0,\"r\":\"x\"}", chunked.body());
        assertEquals("{\"next\":true}", next.body());
        assertEquals(1, server.connections());
    }

    @Test
    void aChunkedAnswerWhoseBodyIsNotWantedIsReadPastAllTheSame() throws IOException {
        server.then(raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n"))
                .then(ok(200, "{}"));

        assertEquals("", connection.send("GET", "/v1/realtime", TOKEN, null, false).body());
        assertEquals("{}", connection.send("GET", "/v1/realtime", TOKEN, null, true).body());
        assertEquals(1, server.connections());
    }

    @Test
    void readsAContentLengthBodyLongerThanItsBufferWhetherKeptOrSkipped() throws IOException {
        String big = "{\"metrics\":\"" + "x".repeat(100_000) + "é\"}";
        server.then(ok(200, big)).then(ok(200, big)).then(ok(204, ""));

        assertEquals(big, connection.send("GET", "/metrics?scope=base", null, null, true).body());
        assertEquals("", connection.send("GET", "/metrics?scope=base", null, null, false).body());
        assertEquals(204, connection.send("GET", "/metrics?scope=base", null, null, true).status());
        assertEquals(1, server.connections());
    }

    @Test
    void sendsABigBodyWhole() throws IOException {
        byte[] batch = ("{\"readings\":[" + "{\"heart_rate\":90},".repeat(30_000) + "{}]}")
                .getBytes(StandardCharsets.UTF_8);
        server.then(ok(201, "{}")).then(ok(201, "{}"));

        connection.send("POST", "/v1/ingest", TOKEN, batch, true);
        connection.send("POST", "/v1/ingest", TOKEN, READING, true);

        assertEquals(new String(batch, StandardCharsets.UTF_8), server.requests().get(0).body());
        assertEquals(new String(READING, StandardCharsets.UTF_8), server.requests().get(1).body());
    }

    @Test
    void connectionCloseFromTheServerMeansANewConnectionForTheNextRequest() throws IOException {
        server.then(rawThenClose("HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"))
                .then(ok(201, "{\"again\":1}"));

        assertEquals("{}", connection.send("POST", "/v1/ingest", TOKEN, READING, true).body());
        assertEquals("{\"again\":1}", connection.send("POST", "/v1/ingest", TOKEN, READING, true).body());

        assertEquals(2, server.connections());
        assertEquals(2, connection.opened());
        assertEquals(1, server.requests().get(1).connection() - server.requests().get(0).connection());
    }

    @Test
    void anHttp10AnswerWithoutKeepAliveClosesTheConnection() throws IOException {
        server.then(rawThenClose("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}")).then(ok(200, "{}"));

        connection.send("GET", "/", null, null, true);
        connection.send("GET", "/", null, null, true);

        assertEquals(2, connection.opened());
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws IOException {
        server.then(rawThenClose("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nmemory_usedHeap_bytes 42\n"))
                .then(ok(200, "{}"));

        assertEquals("memory_usedHeap_bytes 42\n", connection.send("GET", "/metrics", null, null, true).body());
        assertEquals("{}", connection.send("GET", "/metrics", null, null, true).body());
        assertEquals(2, server.connections());
    }

    @Test
    void aServerClosingMidAnswerIsAnIoFailureAndTheNextRequestReconnects() throws IOException {
        server.then(rawThenClose("HTTP/1.1 201 Created\r\nContent-Length: 100\r\n\r\n{\"stored\""))
                .then(rawThenClose("HTTP/1.1 201 Crea"))
                .then(rawThenClose("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc"))
                .then(rawThenClose(""))
                .then(ok(201, "{\"stored\":1}"));

        assertThrows(EOFException.class, () -> connection.send("POST", "/v1/ingest", TOKEN, READING, true));
        assertThrows(EOFException.class, () -> connection.send("POST", "/v1/ingest", TOKEN, READING, true));
        assertThrows(EOFException.class, () -> connection.send("POST", "/v1/ingest", TOKEN, READING, false));
        assertThrows(EOFException.class, () -> connection.send("POST", "/v1/ingest", TOKEN, READING, true),
                "closed without a word");
        assertEquals(201, connection.send("POST", "/v1/ingest", TOKEN, READING, true).status());

        assertEquals(5, server.connections());
    }

    @Test
    void garbageInsteadOfAnAnswerIsAnIoFailure() {
        server.then(raw("SSH-2.0-OpenSSH_9.6\r\n\r\n"))
                .then(raw("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"))
                .then(raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .then(raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n"))
                .then(raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcd\r\n0\r\n\r\n"));

        assertTrue(assertThrows(IOException.class, () -> connection.send("GET", "/", null, null, true))
                .getMessage().contains("status line"));
        assertThrows(IOException.class, () -> connection.send("GET", "/", null, null, true));
        assertThrows(IOException.class, () -> connection.send("GET", "/", null, null, true), "not a chunk size");
        assertThrows(IOException.class, () -> connection.send("GET", "/", null, null, true), "chunk too long");
        assertThrows(IOException.class, () -> connection.send("GET", "/", null, null, true), "chunk too short");
        assertEquals(5, connection.opened(), "a connection out of step is not used again");
    }

    @Test
    void readsRetryAfterInSeconds() throws IOException {
        server.then(ok(429, "{\"title\":\"Too Many Requests\"}", "Retry-After: 7"))
                .then(ok(503, "{}", "retry-after:  2 "))
                .then(ok(429, "{}", "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT"))
                .then(ok(429, "{}"));

        HttpConnection.Response limited = connection.send("POST", "/v1/ingest", TOKEN, READING, true);
        assertEquals(429, limited.status());
        assertEquals(Duration.ofSeconds(7), limited.retryAfter());
        assertEquals(Duration.ofSeconds(2), connection.send("POST", "/v1/ingest", TOKEN, READING, true).retryAfter());
        assertEquals(Duration.ZERO, connection.send("POST", "/v1/ingest", TOKEN, READING, true).retryAfter());
        assertEquals(Duration.ZERO, connection.send("POST", "/v1/ingest", TOKEN, READING, true).retryAfter());
    }

    @Test
    void retryAfterIsSecondsAndNothingElse() {
        assertEquals(Duration.ofSeconds(1), HttpConnection.retryAfter("1"));
        assertEquals(Duration.ofSeconds(120), HttpConnection.retryAfter("120"));
        assertEquals(Duration.ZERO, HttpConnection.retryAfter(null));
        assertEquals(Duration.ZERO, HttpConnection.retryAfter(""));
        assertEquals(Duration.ZERO, HttpConnection.retryAfter("-1"));
        assertEquals(Duration.ZERO, HttpConnection.retryAfter("1.5"));
        assertEquals(Duration.ZERO, HttpConnection.retryAfter("Fri, 31 Dec 1999 23:59:59 GMT"));
        assertEquals(HttpConnection.MAX_RETRY_AFTER, HttpConnection.retryAfter("99999999999999999999999"));
    }

    @Test
    void aSilentServerTimesOutAndTheConnectionIsNotUsedAgain() throws IOException {
        try (HttpConnection impatient = new HttpConnection(server.uri(), Duration.ofSeconds(1), Duration.ofMillis(200),
                HttpConnection.MAX_IDLE)) {
            server.then(out -> {
                sleep(1000);
                return false;
            }).then(ok(200, "{}"));

            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> impatient.send("GET", "/", null, null, true));
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(900), "the read timeout, not the server");
            assertEquals(200, impatient.send("GET", "/", null, null, true).status());
            assertEquals(2, impatient.opened());
        }
    }

    @Test
    void aConnectionIdleTooLongIsOpenedAnew() throws IOException {
        try (HttpConnection brief = new HttpConnection(server.uri(), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMillis(50))) {
            server.then(ok(200, "{}")).then(ok(200, "{}")).then(ok(200, "{}"));

            brief.send("GET", "/", null, null, true);
            brief.send("GET", "/", null, null, true);
            sleep(100);
            brief.send("GET", "/", null, null, true);

            assertEquals(2, brief.opened());
            assertEquals(2, server.connections());
        }
    }

    @Test
    void nobodyListeningIsAnIoFailure() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0)) {
            port = gone.getLocalPort();
        }
        HttpConnection nowhere = new HttpConnection(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1));

        assertThrows(IOException.class, () -> nowhere.send("GET", "/", null, null, true));
    }

    @Test
    void closingFromAnotherThreadStopsABlockedRequestAndAnyLaterOne() {
        server.then(out -> {
            sleep(5000);
            return false;
        });
        CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                connection.send("GET", "/v1/realtime", TOKEN, null, false);
                return null;
            } catch (IOException expected) {
                return expected;
            }
        });
        while (server.requests().isEmpty()) {
            sleep(10);
        }

        connection.close();

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertTrue(blocked.get() instanceof IOException));
        assertThrows(IOException.class, () -> connection.send("GET", "/", null, null, true));
        assertEquals(1, server.connections(), "closed for good: no new connection");
    }

    @Test
    void refusesHttpsAndHeaderInjection() {
        IllegalArgumentException https = assertThrows(IllegalArgumentException.class,
                () -> new HttpConnection(URI.create("https://localhost:9443"), Duration.ofSeconds(1)));
        assertTrue(https.getMessage().contains("http://"), https.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpConnection.bearer("token\r\nX-Evil: 1"));
        assertThrows(IllegalArgumentException.class, () -> HttpConnection.bearer("tökén"));
        assertThrows(IllegalArgumentException.class, () -> connection.send("GET", "/a b", null, null, true));
        assertEquals(0, connection.opened());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
