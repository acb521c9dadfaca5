package it.io.petty.incontainer;

import io.petty.domain.behavior.BehaviorEvent;
import io.petty.domain.behavior.BehaviorEvents;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.EventKind;
import io.petty.domain.behavior.Verdict;
import io.petty.domain.behavior.internal.JpaBehaviorEvents;
import io.petty.domain.collars.CollarService;
import io.petty.domain.feedback.FeedbackRequest;
import io.petty.domain.feedback.FeedbackService;
import io.petty.domain.feedback.UnknownEventException;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inside Liberty (Arquillian): the engine's events through EclipseLink on the server's data source, in JTA
 * transactions — found again under the same id, kept when the owner reviewed them, stored with their feedback.
 */
@ExtendWith(ArquillianExtension.class)
class BehaviorStoreInContainerIT {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "behavior-in-container.war")
                .addPackages(true, "io.petty.domain.behavior", "io.petty.domain.telemetry", "io.petty.domain.pets",
                        "io.petty.domain.platform", "io.petty.domain.validation", "io.petty.domain.feedback",
                        "io.petty.domain.privacy")
                // The collars without the pairing service, which issues device credentials (identity, not needed).
                .addPackages(true, Filters.exclude(CollarService.class), "io.petty.domain.collars")
                .addAsResource("META-INF/persistence.xml")
                // The worker comes with the engine's package; it never starts here (nothing says the schema is ready).
                .addAsResource(new StringAsset("petty.behavior.poll=PT1H"), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    JpaBehaviorEvents store;

    @Inject
    BehaviorEvents events;

    @Inject
    FeedbackService feedback;

    @Inject
    UserTransaction transaction;

    @Inject
    DataSource dataSource;

    private static DetectedEvent walk(int minutes) {
        return new DetectedEvent("Walk", EventKind.SESSION, T0, T0.plusSeconds(60L * minutes), 0.9, "activity-sessions",
                "1", 100.0 * minutes, Map.of("readings", 6 * minutes));
    }

    private int replace(UUID pet, String collar, List<DetectedEvent> found) throws Exception {
        transaction.begin();
        try {
            int changes = store.replace(collar, pet, T0.minusSeconds(36_000), T0.plusSeconds(36_000), false, found,
                    List.of(), Instant.now());
            transaction.commit();
            return changes;
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        }
    }

    @Test
    void anEventFoundAgainKeepsItsIdAndAnUnreviewedOneNoLongerFoundGoes() throws Exception {
        Dog dog = dog();
        replace(dog.pet, dog.collar, List.of(walk(10)));
        UUID id = events.ofPet(dog.pet, T0.minusSeconds(1), T0.plusSeconds(1)).get(0).id();

        assertEquals(0, replace(dog.pet, dog.collar, List.of(walk(10))), "the same analysis changes nothing");
        replace(dog.pet, dog.collar, List.of(walk(12)));
        BehaviorEvent grown = events.find(id).orElseThrow();
        assertEquals(T0.plusSeconds(720), grown.end());
        assertEquals(1200.0, grown.distanceM());

        replace(dog.pet, dog.collar, List.of());
        assertTrue(events.find(id).isEmpty());
    }

    @Test
    void aReviewedEventMayGrowButIsNeverShortenedOrRemoved() throws Exception {
        Dog dog = dog();
        replace(dog.pet, dog.collar, List.of(walk(10)));
        UUID id = events.ofPet(dog.pet, T0.minusSeconds(1), T0.plusSeconds(1)).get(0).id();
        UUID feedbackId = feedback.submit(dog.owner, new FeedbackRequest(id.toString(), "correct", null,
                "write to me at rex.owner@example.com", null, null));

        replace(dog.pet, dog.collar, List.of(walk(5)));
        assertEquals(T0.plusSeconds(600), events.find(id).orElseThrow().end(), "not shortened");
        replace(dog.pet, dog.collar, List.of());
        assertTrue(events.find(id).isPresent(), "not removed");
        replace(dog.pet, dog.collar, List.of(walk(15)));
        BehaviorEvent grown = events.find(id).orElseThrow();
        assertEquals(T0.plusSeconds(900), grown.end(), "grown");
        assertEquals(Verdict.CORRECT, grown.verdict());
        assertEquals("write to me at [email]", feedback.latestOn(List.of(id)).get(id).note());
        assertEquals(feedbackId, feedback.latestOn(List.of(id)).get(id).id());
    }

    @Test
    void feedbackOnAnotherOwnersEventStoresNothing() throws Exception {
        Dog dog = dog();
        replace(dog.pet, dog.collar, List.of(walk(10)));
        UUID id = events.ofPet(dog.pet, T0.minusSeconds(1), T0.plusSeconds(1)).get(0).id();

        assertThrows(UnknownEventException.class, () -> feedback.submit(dog().owner,
                new FeedbackRequest(id.toString(), "incorrect", null, null, null, null)));
        assertTrue(feedback.latestOn(List.of(id)).isEmpty());
        assertEquals(null, events.find(id).orElseThrow().reviewedAt());
    }

    private record Dog(UUID owner, UUID pet, String collar) {
    }

    private Dog dog() throws SQLException {
        Dog dog = new Dog(UUID.randomUUID(), UUID.randomUUID(), "AQ-" + ThreadLocalRandom.current().nextInt(100_000, 999_999));
        try (Connection db = dataSource.getConnection(); Statement insert = db.createStatement()) {
            insert.execute("INSERT INTO account (id, role) VALUES ('" + dog.owner + "', 'owner')");
            insert.execute("INSERT INTO pet (id, owner_id, name, species) VALUES ('" + dog.pet + "', '" + dog.owner
                    + "', 'Arquillian', 'dog')");
        }
        return dog;
    }
}
