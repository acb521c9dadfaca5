package io.petty.domain.collars.internal;

import io.petty.domain.collars.CollarRepository;
import io.petty.domain.collars.Pairing;
import io.petty.domain.collars.PairingWindow;
import io.petty.domain.collars.UnknownCollarException;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.internal.HeldReadings;
import io.petty.domain.telemetry.internal.JdbcReadingPartitions;
import io.petty.domain.telemetry.internal.JdbcReadingRepository;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairings and their history on a real PostgreSQL: which pet's readings are which. */
class JdbcCollarRepositoryTest {

    private static final String COLLAR = "SN-123";
    private static final byte[] SECRET = {1, 2, 3};
    private static final byte[] CLAIM = {4, 5, 6};

    private DataSource database;
    private JdbcCollarRepository collars;
    private JdbcReadingRepository readings;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        collars = new JdbcCollarRepository(database);
        readings = new JdbcReadingRepository(database, new JdbcReadingPartitions(database), new HeldReadings(),
                committed -> { });
        assertEquals(Set.of(COLLAR), collars.provision(List.of(new CollarRepository.NewCollar(COLLAR, SECRET, CLAIM))));
    }

    @Test
    void provisioningStoresNewSerialsOnlyAndLeavesThemUnpaired() throws SQLException {
        assertEquals(Set.of("SN-124"), collars.provision(List.of(new CollarRepository.NewCollar(COLLAR, CLAIM, CLAIM),
                new CollarRepository.NewCollar("SN-124", SECRET, CLAIM))));
        assertEquals(1, count("SELECT get_byte(secret_hash, 0) FROM collar WHERE id = '" + COLLAR + "'"),
                "an existing collar keeps its secret");
        assertEquals(Optional.empty(), collars.current("SN-124"));
    }

    @Test
    void aPairingsReadingsStartWhenItIsMade() {
        UUID owner = owner();
        UUID rex = pet(owner);
        Instant before = Instant.now().minusSeconds(1);

        Pairing pairing = collars.pair(COLLAR, CLAIM, rex, owner).orElseThrow();

        assertEquals(rex, pairing.petId());
        assertTrue(pairing.readingsFrom().isAfter(before), pairing.toString());
        assertEquals(pairing.credentialsFrom(), pairing.readingsFrom());
        assertEquals(Optional.of(pairing), collars.current(COLLAR));
        assertEquals(Optional.of(COLLAR), collars.wornBy(rex));
    }

    @Test
    void theNextPetsReadingsStartAfterWhatTheCollarStampedAheadOfTheClock() {
        UUID alice = owner();
        UUID rex = pet(alice);
        collars.pair(COLLAR, CLAIM, rex, alice).orElseThrow();
        Instant ahead = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        readings.store(List.of(new Reading(COLLAR, ahead, 80, ActivityLevel.WALKING, null, null, null, null)), List.of());
        assertTrue(collars.unpair(COLLAR, alice));

        UUID bob = owner();
        UUID mia = pet(bob);
        Pairing bobs = collars.pair(COLLAR, CLAIM, mia, bob).orElseThrow();

        assertEquals(ahead.plus(1, ChronoUnit.MICROS), bobs.readingsFrom());
        List<PairingWindow> windows = collars.windows(COLLAR, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
        assertEquals(List.of(rex, mia), windows.stream().map(PairingWindow::petId).toList());
        assertEquals(ahead.plus(1, ChronoUnit.MICROS), windows.get(0).until(), "Rex's window ends after his last reading");
        assertNull(windows.get(1).until());
        assertTrue(windows.get(0).contains(ahead));
        assertTrue(!windows.get(1).contains(ahead));
    }

    @Test
    void pairingTheSameDogAgainChangesNothing() throws SQLException {
        UUID owner = owner();
        UUID rex = pet(owner);
        Pairing first = collars.pair(COLLAR, CLAIM, rex, owner).orElseThrow();

        assertEquals(first, collars.pair(COLLAR, CLAIM, rex, owner).orElseThrow(), "its device tokens stay good");
        assertEquals(1, count("SELECT count(*) FROM collar_pairing"));
    }

    @Test
    void anUnknownSerialAndAWrongClaimCodeAreRefusedAlike() {
        UUID owner = owner();
        UUID rex = pet(owner);
        UnknownCollarException wrongCode = assertThrows(UnknownCollarException.class,
                () -> collars.pair(COLLAR, SECRET, rex, owner));
        UnknownCollarException unknown = assertThrows(UnknownCollarException.class,
                () -> collars.pair("SN-999", CLAIM, rex, owner));
        assertEquals(wrongCode.getMessage().replace(COLLAR, "SN-999"), unknown.getMessage());
        assertEquals(Optional.empty(), collars.current(COLLAR));
    }

    @Test
    void aCollarAnotherPetWearsOrAPetOfAnotherOwnerCannotBePaired() {
        UUID alice = owner();
        collars.pair(COLLAR, CLAIM, pet(alice), alice).orElseThrow();
        UUID bob = owner();

        assertEquals(Optional.empty(), collars.pair(COLLAR, CLAIM, pet(bob), bob), "bob holds the claim code too");
        assertThrows(PetNotFoundException.class, () -> collars.pair(COLLAR, CLAIM, pet(alice), bob));
        assertTrue(!collars.unpair(COLLAR, bob), "nor unpaired by someone else");
    }

    @Test
    void howeverACollarLosesItsPetItsLatestReadingGoesButItsFactorySecretStays() throws SQLException {
        UUID owner = owner();
        UUID rex = pet(owner);
        collars.pair(COLLAR, CLAIM, rex, owner).orElseThrow();
        readings.store(List.of(new Reading(COLLAR, Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MICROS), 80,
                ActivityLevel.WALKING, null, null, null, null)), List.of());

        execute("DELETE FROM pet WHERE id = '" + rex + "'");

        assertEquals(Optional.empty(), collars.current(COLLAR));
        assertEquals(1, count("SELECT count(*) FROM collar WHERE secret_hash IS NOT NULL AND pet_id IS NULL"));
        assertEquals(0, count("SELECT count(*) FROM latest_reading"));
        assertEquals(0, count("SELECT count(*) FROM collar_pairing"), "which readings were the pet's goes with it");
        assertEquals(Optional.empty(), collars.wornBy(rex));
        Pairing next = collars.pair(COLLAR, CLAIM, pet(owner), owner).orElseThrow();
        assertTrue(next.readingsFrom().isAfter(Instant.now().minus(Duration.ofMinutes(1))));
    }

    private UUID owner() {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO account (id, role) VALUES ('" + id + "', 'owner')");
        return id;
    }

    private UUID pet(UUID owner) {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO pet (id, owner_id, name, species) VALUES ('" + id + "', '" + owner + "', 'Rex', 'dog')");
        return id;
    }

    private void execute(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
