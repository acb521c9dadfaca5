package it.io.petty.incontainer;

import io.petty.domain.alerts.Alert;
import io.petty.domain.alerts.AlertChange.Transition;
import io.petty.domain.alerts.AlertChange;
import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertService;
import io.petty.domain.alerts.AlertState;
import io.petty.domain.alerts.Alerts;
import io.petty.domain.alerts.UnknownAlertException;
import io.petty.domain.collars.CollarService;
import io.petty.domain.pets.PetNotFoundException;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Inside Liberty (Arquillian): alert episodes stored through EclipseLink on the server's data source, and owners'
 * access to them.
 */
@ExtendWith(ArquillianExtension.class)
class AlertStoreInContainerIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "alerts-in-container.war")
                .addPackages(true, "io.petty.domain.alerts", "io.petty.domain.pets", "io.petty.domain.platform",
                        "io.petty.domain.validation", "io.petty.domain.telemetry", "io.petty.domain.privacy")
                // The collars without the pairing service, which issues device credentials (identity, not needed).
                .addPackages(true, Filters.exclude(CollarService.class), "io.petty.domain.collars")
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    Alerts alerts;

    @Inject
    AlertService service;

    @Inject
    DataSource dataSource;

    @Test
    void anEpisodeOpensOnceAndResolvesWithTheReadingThatClearedIt() throws SQLException {
        Pet rex = pet();
        AlertChange opened = change(AlertKind.LOW_BATTERY, Transition.OPENED, 0, "battery at 12 %");

        assertEquals(1, alerts.apply(rex.id, "SN-1", List.of(opened)).size());
        assertEquals(0, alerts.apply(rex.id, "SN-1", List.of(opened)).size(), "the same readings evaluated again");
        assertEquals(1, alerts.apply(rex.id, "SN-1",
                List.of(change(AlertKind.LOW_BATTERY, Transition.RESOLVED, 600, "battery at 30 %"))).size());

        Alert episode = alerts.ofPet(rex.id, null).get(0);
        assertEquals(AlertState.RESOLVED, episode.state());
        assertEquals(T0, episode.openedAt());
        assertEquals(T0.plusSeconds(600), episode.resolvedAt());
        assertEquals("battery at 30 %", episode.resolvedDetail());
    }

    @Test
    void openedAndResolvedInOneListAndOpenedAgainAreTwoEpisodes() throws SQLException {
        Pet rex = pet();

        List<Alert> applied = alerts.apply(rex.id, "SN-1", List.of(
                change(AlertKind.LEFT_HOME, Transition.OPENED, 0, "300 m from home (fence 100 m)"),
                change(AlertKind.LEFT_HOME, Transition.RESOLVED, 120, "back home, 20 m from its centre"),
                change(AlertKind.LEFT_HOME, Transition.OPENED, 300, "250 m from home (fence 100 m)")));

        assertEquals(List.of(AlertState.OPEN, AlertState.RESOLVED, AlertState.OPEN),
                applied.stream().map(Alert::state).toList(), "each as its change left it");
        assertEquals(applied.get(0).id(), applied.get(1).id());

        assertEquals(List.of(AlertState.OPEN, AlertState.RESOLVED),
                alerts.ofPet(rex.id, null).stream().map(Alert::state).toList(), "newest first");
        assertEquals(1, alerts.ofPet(rex.id, AlertState.OPEN).size());
    }

    @Test
    void theOwnerAcknowledgesOnceAndNobodyElseCan() throws SQLException {
        Pet rex = pet();
        alerts.apply(rex.id, "SN-1", List.of(change(AlertKind.INACTIVITY, Transition.OPENED, 0, "no activity for 8 h")));
        UUID alert = alerts.ofPet(rex.id, null).get(0).id();

        assertThrows(UnknownAlertException.class, () -> service.acknowledge(pet().owner, alert));
        assertNull(alerts.find(alert).orElseThrow().acknowledgedAt());
        assertThrows(UnknownAlertException.class, () -> service.acknowledge(rex.owner, UUID.randomUUID()));

        Instant first = service.acknowledge(rex.owner, alert).acknowledgedAt();
        assertNotNull(first);
        assertEquals(first, service.acknowledge(rex.owner, alert).acknowledgedAt(), "the first time is kept");
        assertEquals(AlertState.ACKNOWLEDGED, service.ofPet(rex.owner, rex.id, AlertState.ACKNOWLEDGED).get(0).state());
        assertThrows(PetNotFoundException.class, () -> service.ofPet(pet().owner, rex.id, null));
    }

    private static AlertChange change(AlertKind kind, Transition transition, long seconds, String detail) {
        return new AlertChange(kind, transition, T0.plusSeconds(seconds), detail);
    }

    private record Pet(UUID owner, UUID id) {
    }

    private Pet pet() throws SQLException {
        Pet pet = new Pet(UUID.randomUUID(), UUID.randomUUID());
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO account (id, role) VALUES ('" + pet.owner + "', 'owner')");
            statement.execute("INSERT INTO pet (id, owner_id, name, species) VALUES ('" + pet.id + "', '" + pet.owner
                    + "', 'Arquillian', 'dog')");
        }
        return pet;
    }
}
