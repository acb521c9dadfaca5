package io.petty.cli.load;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static io.petty.cli.load.ScriptedServer.ok;
import static io.petty.cli.load.ScriptedServer.rawThenClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PettyApiTest {

    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 4);

    @Test
    void sendsAgainAfterA503AndALostConnection() throws IOException {
        try (ScriptedServer server = new ScriptedServer();
             HttpConnections connections = new HttpConnections(server.uri(), Duration.ofSeconds(5))) {
            server.then(ok(503, "{}", "Retry-After: 0")).then(rawThenClose(""))
                    .then(ok(200, "{\"access_token\":\"t\"}"));

            PettyApi.Answer answer = new PettyApi(connections, QUICK).post("/v1/auth/token",
                    Json.createObjectBuilder().add("email", "a@example.com").build(), "owner-token");

            assertEquals(200, answer.status());
            assertEquals("t", answer.text("access_token"));
            assertEquals(3, server.requests().size());
            assertEquals("Bearer owner-token", server.requests().get(2).headers().get("authorization"));
            assertEquals("{\"email\":\"a@example.com\"}", server.requests().get(2).body());
            assertEquals(2, server.connections(), "a new connection after the lost one");
        }
    }

    @Test
    void givesUpWhenTheAttemptsAreSpent() throws IOException {
        try (ScriptedServer server = new ScriptedServer();
             HttpConnections connections = new HttpConnections(server.uri(), Duration.ofSeconds(5))) {
            for (int i = 0; i < 4; i++) {
                server.then(ok(429, "{}"));
            }

            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> new PettyApi(connections, QUICK)
                    .post("/v1/accounts", Json.createObjectBuilder().build(), null));

            assertTrue(failed.getMessage().contains("failed 4 times, last: HTTP 429"), failed.getMessage());
        }
    }

    @Test
    void aWrongUrlFailsAtOnce() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0)) {
            port = gone.getLocalPort();
        }
        try (HttpConnections connections = new HttpConnections(URI.create("http://127.0.0.1:" + port),
                Duration.ofSeconds(1))) {
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> new PettyApi(connections, QUICK)
                    .post("/v1/accounts", Json.createObjectBuilder().build(), null));

            assertTrue(failed.getMessage().startsWith("no Petty server answers at http://127.0.0.1:" + port),
                    failed.getMessage());
        }
    }
}
