package io.petty.cli.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.petty.cli.load.ScriptedServer.ok;
import static io.petty.cli.load.ScriptedServer.rawThenClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProvisionerTest {

    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 4);
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00.123456Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aRegistrationWhoseAnswerWasLostIsTakenAsDoneWhenTheRetryFindsTheAddressTaken(@TempDir Path home)
            throws IOException {
        try (ScriptedServer server = new ScriptedServer();
             HttpConnections connections = new HttpConnections(server.uri(), Duration.ofSeconds(5))) {
            // Two owners, one at a time; the first has the collar.
            server.then(ok(201, "{}"))                                     // POST /v1/accounts
                    .then(ok(200, "{\"access_token\":\"owner-1\"}"))       // log in
                    .then(ok(201, "{\"id\":\"pet-1\"}"))                   // add a dog
                    .then(ok(201, "{\"collar_id\":\"LD-000001\"}"))     // pair its collar
                    .then(ok(200, "{\"access_token\":\"device\"}"))        // exchange the secret
                    .then(rawThenClose(""))                                  // POST /v1/accounts: answer lost
                    .then(ok(409, "{\"detail\":\"email taken\"}"))         // the retry: it was registered
                    .then(ok(200, "{\"access_token\":\"owner-2\"}"));      // log in

            Fleet fleet = new Provisioner(new PettyApi(connections, QUICK), TestCollars.factory(),
                    new FleetFile(home.resolve("fleet.json"), CLOCK), LoadListener.SILENT, CLOCK)
                    .provision(FleetFile.Part.FLEET, 1, 2, 1);

            assertEquals(List.of("owner-1", "owner-2"), fleet.owners().stream().map(Fleet.Owner::accessToken).toList());
            assertEquals(List.of("/v1/accounts", "/v1/auth/token", "/v1/pets", "/v1/collars", "/v1/auth/device-token",
                    "/v1/accounts", "/v1/accounts", "/v1/auth/token"),
                    server.requests().stream().map(ScriptedServer.Request::target).toList());
        }
    }

    @Test
    void aCollarPairedNowIsKeptWithItsPairingTimeAndNothingSent(@TempDir Path home) throws IOException {
        try (ScriptedServer server = new ScriptedServer();
             HttpConnections connections = new HttpConnections(server.uri(), Duration.ofSeconds(5))) {
            server.then(ok(201, "{}"))                                     // POST /v1/accounts
                    .then(ok(200, "{\"access_token\":\"owner\"}"))         // log in
                    .then(ok(201, "{\"id\":\"pet-1\"}"))                   // add a dog
                    .then(ok(201, "{\"collar_id\":\"LD-000001\"}"))     // pair its collar
                    .then(ok(200, "{\"access_token\":\"device\"}"));       // exchange the secret
            FleetFile file = new FleetFile(home.resolve("fleet.json"), CLOCK);

            Fleet fleet = new Provisioner(new PettyApi(connections, QUICK), TestCollars.factory(), file,
                    LoadListener.SILENT, CLOCK).provision(FleetFile.Part.FLEET, 1, 1, 1);

            FleetFile.Collar paired = fleet.collars().get(0).pairing();
            assertEquals(NOW, paired.pairedAt());
            assertNull(paired.newestSent());
            assertEquals(List.of(paired), file.load(server.uri(), FleetFile.Part.FLEET).get(0).collars(),
                    "kept for the next run");
        }
    }
}
