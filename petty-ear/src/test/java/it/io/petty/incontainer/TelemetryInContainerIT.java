package it.io.petty.incontainer;

import io.petty.domain.collars.CollarIds;
import io.petty.domain.collars.CollarPairings;
import io.petty.domain.collars.CollarRepository;
import io.petty.domain.collars.Pairing;
import io.petty.domain.collars.PairingWindow;
import io.petty.domain.collars.UnknownCollarException;
import io.petty.domain.collars.internal.JdbcCollarRepository;
import io.petty.domain.identity.InvalidCredentialsException;
import io.petty.domain.pets.PetDeleted;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.DatabaseWaits;
import io.petty.domain.platform.PlatformResources;
import io.petty.domain.platform.TaggedCounter;
import io.petty.domain.platform.Tracing;
import io.petty.domain.telemetry.IngestItem;
import io.petty.domain.telemetry.IngestOutcome;
import io.petty.domain.telemetry.ReadingInput;
import io.petty.domain.telemetry.Sender;
import io.petty.domain.telemetry.StoredReading;
import io.petty.domain.telemetry.TelemetryService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Runs inside Liberty (Arquillian, managed container): the domain's CDI wiring against the server's own
 * {@code jdbc/petty} data source, on the real PostgreSQL behind it.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "telemetry-in-container.war")
                .addPackages(true, "io.petty.domain.telemetry", "io.petty.domain.validation")
                .addClass(InvalidCredentialsException.class)
                .addClasses(CollarIds.class, CollarRepository.class, CollarPairings.class, Pairing.class,
                        PairingWindow.class, UnknownCollarException.class, JdbcCollarRepository.class, PetDeleted.class,
                        PetNotFoundException.class, PlatformResources.class, DatabaseException.class, Tracing.class,
                        Tracing.Job.class, DatabaseWaits.class, DatabaseWaits.Bound.class, TaggedCounter.class)
                .addClass("io.petty.domain.platform.BoundedDataSource")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    TelemetryService telemetry;

    @Inject
    DataSource dataSource;

    @Test
    void ingestsThroughTheServersDataSourceAndReadsTheReadingBack() throws SQLException {
        UUID owner = UUID.randomUUID();
        String collar = registerCollar(owner);
        Instant timestamp = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        ReadingInput input = new ReadingInput(collar, timestamp.toString(), BigDecimal.valueOf(64), BigDecimal.ZERO,
                null, BigDecimal.valueOf(40), null, null);

        Sender sender = new Sender(collar, Instant.now(), "in-container");
        assertEquals(new IngestOutcome(1, 0), telemetry.ingest(new IngestItem(input, List.of(), input::toString), sender));
        assertEquals(new IngestOutcome(0, 1), telemetry.ingest(new IngestItem(input, List.of(), input::toString), sender));

        StoredReading latest = telemetry.latest(collar, owner).reading();
        assertEquals(timestamp, latest.reading().timestamp());
        assertEquals(64, latest.reading().heartRate());
        assertEquals(40, latest.reading().batteryPct());
    }

    @Test
    void refusesReadingsFromACollarThatIsNotPaired() {
        String stranger = "ZZ-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        ReadingInput input = new ReadingInput(stranger, Instant.now().toString(), BigDecimal.valueOf(64),
                BigDecimal.ZERO, null, null, null, null);
        assertThrows(InvalidCredentialsException.class, () -> telemetry.ingest(
                new IngestItem(input, List.of(), input::toString), new Sender(stranger, Instant.now(), "in-container")));
    }

    @Test
    void anOwnerCannotSeeAnotherOwnersCollar() throws SQLException {
        String collar = registerCollar(UUID.randomUUID());
        assertThrows(UnknownCollarException.class, () -> telemetry.latest(collar, UUID.randomUUID()));
    }

    private String registerCollar(UUID owner) throws SQLException {
        String serial = "AQ-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        UUID pet = UUID.randomUUID();
        try (Connection db = dataSource.getConnection();
             PreparedStatement account = db.prepareStatement("INSERT INTO account (id, role) VALUES (?, 'owner')");
             PreparedStatement dog = db.prepareStatement(
                     "INSERT INTO pet (id, owner_id, name, species) VALUES (?, ?, 'Arquillian', 'dog')");
             PreparedStatement collar = db.prepareStatement(
                     "INSERT INTO collar (id, pet_id, paired_at) VALUES (?, ?, now() - interval '2 minutes')");
             PreparedStatement history = db.prepareStatement("INSERT INTO collar_pairing (collar_id, pet_id, paired_at, "
                     + "readings_from) VALUES (?, ?, now() - interval '2 minutes', now() - interval '2 minutes')")) {
            account.setObject(1, owner);
            account.executeUpdate();
            dog.setObject(1, pet);
            dog.setObject(2, owner);
            dog.executeUpdate();
            collar.setString(1, serial);
            collar.setObject(2, pet);
            collar.executeUpdate();
            history.setString(1, serial);
            history.setObject(2, pet);
            history.executeUpdate();
        }
        return serial;
    }
}
