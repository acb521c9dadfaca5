package io.petty.cli.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.petty.cli.load.FleetFile.Part.EVENT_PROBES;
import static io.petty.cli.load.FleetFile.Part.FLEET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetFileTest {

    private static final URI LOCAL = URI.create("http://localhost:9080");
    private static final URI OTHER = URI.create("http://localhost:29080");
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final Instant PAIRED = NOW.minus(Duration.ofDays(2)).plusNanos(123_456_000);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void whatIsSavedForAServerIsLoadedBackForThatServerOnlyPairingAndNewestReadingTimesIncluded() {
        FleetFile file = new FleetFile(directory.resolve("nested/load-fleet.json"), CLOCK);
        List<FleetFile.Owner> local = List.of(new FleetFile.Owner("a@example.com", "a long passphrase",
                List.of(new FleetFile.Collar("LD-000001", "pet-1", "secret-1", PAIRED, null),
                        new FleetFile.Collar("LD-000002", "pet-2", "secret-2", PAIRED.plusSeconds(1),
                                PAIRED.plus(Duration.ofHours(30)).plusNanos(1000)))));
        List<FleetFile.Owner> other = List.of(new FleetFile.Owner("b@example.com", "another passphrase", List.of()));

        file.save(LOCAL, FLEET, local);
        file.save(OTHER, FLEET, other);

        assertEquals(local, file.load(URI.create("http://localhost:9080/"), FLEET),
                "the same server, typed with a slash");
        assertEquals(other, new FleetFile(file.path(), CLOCK).load(OTHER, FLEET));
        assertEquals(List.of(), file.load(URI.create("http://localhost:1"), FLEET));
    }

    @Test
    void aFileFromBeforePairingTimesWereKeptReadsAsPairedNowAndNeverSent() throws IOException {
        Path path = directory.resolve("load-fleet.json");
        Files.writeString(path, """
                {"http://localhost:9080": {"owners": [{"email": "a@example.com", "password": "a long passphrase",
                    "collars": [{"collar_id": "LD-000001", "pet_id": "pet-1", "secret": "secret-1"}]}]}}
                """);

        List<FleetFile.Owner> loaded = new FleetFile(path, CLOCK).load(LOCAL, FLEET);

        assertEquals(List.of(new FleetFile.Owner("a@example.com", "a long passphrase",
                List.of(new FleetFile.Collar("LD-000001", "pet-1", "secret-1", NOW, null)))), loaded);
        assertEquals(List.of(), new FleetFile(path, CLOCK).load(LOCAL, EVENT_PROBES), "nor any event probe");
    }

    @Test
    void theEventProbesAreKeptApartFromTheFleetAndTheirNewestReadingsToo() {
        FleetFile file = new FleetFile(directory.resolve("load-fleet.json"), CLOCK);
        List<FleetFile.Owner> fleet = List.of(new FleetFile.Owner("a@example.com", "a long passphrase",
                List.of(new FleetFile.Collar("LD-000001", "pet-1", "secret-1", PAIRED, null))));
        FleetFile.Collar probe = new FleetFile.Collar("LD-000002", "pet-2", "secret-2", PAIRED, null);
        List<FleetFile.Owner> probes = List.of(new FleetFile.Owner("p@example.com", "a probe's passphrase",
                List.of(probe)));

        file.save(LOCAL, FLEET, fleet);
        file.save(LOCAL, EVENT_PROBES, probes);
        file.save(LOCAL, FLEET, fleet);

        assertEquals(fleet, file.load(LOCAL, FLEET), "saving the probes kept the fleet");
        assertEquals(probes, file.load(LOCAL, EVENT_PROBES), "saving the fleet again kept the probes");

        file.recordSent(LOCAL, Map.of("LD-000002", PAIRED.plusSeconds(5)));

        assertEquals(List.of(probe.sent(PAIRED.plusSeconds(5))), file.load(LOCAL, EVENT_PROBES).get(0).collars());
        assertEquals(fleet, file.load(LOCAL, FLEET));
    }

    @Test
    void savingAgainReplacesThatServersFleet() {
        FleetFile file = new FleetFile(directory.resolve("load-fleet.json"), CLOCK);
        file.save(LOCAL, FLEET, List.of(new FleetFile.Owner("a@example.com", "a long passphrase", List.of())));
        List<FleetFile.Owner> replaced = List.of(new FleetFile.Owner("c@example.com", "a third passphrase", List.of()));

        file.save(LOCAL, FLEET, replaced);

        assertEquals(replaced, file.load(LOCAL, FLEET));
    }

    @Test
    void aRunsNewestReadingsReplaceThoseOfItsCollarsOnly() {
        FleetFile file = new FleetFile(directory.resolve("load-fleet.json"), CLOCK);
        FleetFile.Collar sent = new FleetFile.Collar("LD-000001", "pet-1", "secret-1", PAIRED, PAIRED.plusSeconds(60));
        FleetFile.Collar idle = new FleetFile.Collar("LD-000002", "pet-2", "secret-2", PAIRED, PAIRED.plusSeconds(30));
        file.save(LOCAL, FLEET, List.of(new FleetFile.Owner("a@example.com", "a long passphrase",
                List.of(sent, idle))));
        List<FleetFile.Owner> other = List.of(new FleetFile.Owner("b@example.com", "another passphrase",
                List.of(new FleetFile.Collar("LD-000001", "pet-9", "secret-9", PAIRED, null))));
        file.save(OTHER, FLEET, other);

        file.recordSent(LOCAL, Map.of("LD-000001", PAIRED.plusSeconds(90)));

        assertEquals(List.of(sent.sent(PAIRED.plusSeconds(90)), idle), file.load(LOCAL, FLEET).get(0).collars());
        assertEquals(other, file.load(OTHER, FLEET), "another server's collar of the same serial is another collar");
    }

    @Test
    void theFileHoldingSecretsIsReadableByItsOwnerOnlyAndNoTemporaryFileIsLeft() throws IOException {
        FleetFile file = new FleetFile(directory.resolve("load-fleet.json"), CLOCK);
        file.save(LOCAL, FLEET, List.of(new FleetFile.Owner("a@example.com", "a long passphrase", List.of())));
        file.save(OTHER, FLEET, List.of());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        try (var files = Files.list(directory)) {
            assertEquals(List.of(file.path()), files.toList());
        }
    }

    @Test
    void noFileMeansNoFleet() {
        FleetFile file = new FleetFile(directory.resolve("absent.json"), CLOCK);
        assertTrue(file.load(LOCAL, FLEET).isEmpty());
        assertTrue(Files.notExists(file.path()));
    }
}
