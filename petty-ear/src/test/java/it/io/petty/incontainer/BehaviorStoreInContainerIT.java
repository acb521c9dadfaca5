package it.io.petty.incontainer;

import io.petty.domain.behavior.BehaviorEvent;
import io.petty.domain.behavior.BehaviorEvents;
import io.petty.domain.behavior.Verdict;
import io.petty.domain.behavior.internal.AnalysisPass;
import io.petty.domain.collars.CollarService;
import io.petty.domain.feedback.FeedbackRequest;
import io.petty.domain.feedback.FeedbackService;
import io.petty.domain.feedback.UnknownEventException;
import io.petty.domain.telemetry.ReadingRepository;
import io.petty.domain.testing.ReadingScript;
import jakarta.inject.Inject;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inside Liberty (Arquillian): an analysis pass as the server runs it — JDBC for the cursors and readings, EclipseLink
 * for the events, one JTA transaction on the server's data source — and feedback on what it found. The server's own
 * worker may take a pass first; either way the database must end as these tests say.
 */
@ExtendWith(ArquillianExtension.class)
class BehaviorStoreInContainerIT {

    private static final Instant T0 = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS)
            .plus(10, ChronoUnit.HOURS);

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "behavior-in-container.war")
                .addPackages(true, "io.petty.domain.behavior", "io.petty.domain.telemetry", "io.petty.domain.pets",
                        "io.petty.domain.platform", "io.petty.domain.validation", "io.petty.domain.feedback",
                        "io.petty.domain.privacy")
                // The collars without the pairing service, which issues device credentials (identity, not needed).
                .addPackages(true, Filters.exclude(CollarService.class), "io.petty.domain.collars")
                .addClass(ReadingScript.class)
                .addAsResource("META-INF/persistence.xml")
                // The worker comes with the engine's package; it never starts here (nothing says the schema is ready).
                .addAsResource(new StringAsset("petty.behavior.poll=PT1H\npetty.behavior.pace=PT1H"), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    AnalysisPass pass;

    @Inject
    ReadingRepository readings;

    @Inject
    BehaviorEvents events;

    @Inject
    FeedbackService feedback;

    @Inject
    DataSource dataSource;

    @Test
    void aDayAnalysedAgainFindsTheSameEventsUnderTheSameIds() throws SQLException {
        Dog dog = dog();
        send(dog, ReadingScript.startingAt(T0).rest(6, 75).walk(12, 95, 10, 0).rest(6, 75));
        List<BehaviorEvent> first = dayOf(dog);

        execute("INSERT INTO analysis_backlog (collar_id, earliest, latest) VALUES ('" + dog.collar + "', '" + T0
                + "', '" + T0 + "')");
        analyse(dog);

        assertEquals(List.of("Rest", "Walk", "Rest"), first.stream().map(BehaviorEvent::behavior).toList());
        assertEquals(first.stream().map(BehaviorEvent::id).toList(), dayOf(dog).stream().map(BehaviorEvent::id).toList());
    }

    @Test
    void aReviewedEventMayGrowButIsNeverShortenedOrRemoved() throws SQLException {
        Dog dog = dog();
        send(dog, ReadingScript.startingAt(T0).walk(10, 95, 10, 0));
        BehaviorEvent walk = dayOf(dog).get(0);
        assertTrue(walk.open());
        feedback.submit(dog.owner, new FeedbackRequest(walk.id().toString(), "correct", null,
                "write to me at rex.owner@example.com", null, null));

        send(dog, ReadingScript.startingAt(T0.plusSeconds(100)).walk(5, 95, 10, 0));
        BehaviorEvent grown = events.find(walk.id()).orElseThrow();
        assertEquals(T0.plusSeconds(140), grown.end(), "the confirmed walk went on");
        assertEquals(Verdict.CORRECT, grown.verdict());

        // A late rest in the middle: analysed again, the day has two walks; the owner confirmed one.
        send(dog, ReadingScript.startingAt(T0.plusSeconds(45)).rest(1, 70).rest(1, 70));
        List<BehaviorEvent> day = dayOf(dog);
        assertEquals(List.of(walk.id()), day.stream().filter(e -> e.behavior().equals("Walk")).map(BehaviorEvent::id)
                .toList(), day.toString());
        assertEquals(T0.plusSeconds(140), events.find(walk.id()).orElseThrow().end(), "not shortened");
        assertEquals("write to me at [email]", feedback.latestOn(List.of(walk.id())).get(walk.id()).note());
    }

    @Test
    void feedbackOnAnotherOwnersEventStoresNothing() throws SQLException {
        Dog dog = dog();
        send(dog, ReadingScript.startingAt(T0).walk(10, 95, 10, 0));
        UUID walk = dayOf(dog).get(0).id();

        assertThrows(UnknownEventException.class, () -> feedback.submit(dog().owner,
                new FeedbackRequest(walk.toString(), "incorrect", null, null, null, null)));
        assertTrue(feedback.latestOn(List.of(walk)).isEmpty());
        assertNull(events.find(walk).orElseThrow().reviewedAt());
    }

    private record Dog(UUID owner, UUID pet, String collar) {
    }

    private Dog dog() throws SQLException {
        Dog dog = new Dog(UUID.randomUUID(), UUID.randomUUID(), "AQ-" + ThreadLocalRandom.current().nextInt(100_000, 999_999));
        execute("INSERT INTO account (id, role) VALUES ('" + dog.owner + "', 'owner')");
        execute("INSERT INTO pet (id, owner_id, name, species) VALUES ('" + dog.pet + "', '" + dog.owner
                + "', 'Arquillian', 'dog')");
        execute("INSERT INTO collar (id, pet_id, paired_at) VALUES ('" + dog.collar + "', '" + dog.pet
                + "', now() - interval '30 days')");
        execute("INSERT INTO collar_pairing (collar_id, pet_id, paired_at, readings_from) VALUES ('" + dog.collar
                + "', '" + dog.pet + "', now() - interval '30 days', now() - interval '30 days')");
        return dog;
    }

    /** Stores the readings as ingest does, and has them analysed. */
    private void send(Dog dog, ReadingScript script) throws SQLException {
        readings.store(ReadingScript.forCollar(script.readings(), dog.collar), List.of());
        analyse(dog);
    }

    /** A pass over the collar; if the server's worker holds it, until that worker is done. */
    private void analyse(Dog dog) throws SQLException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (pass.analyse(List.of(dog.collar)).collars() == 0
                && count("SELECT count(*) FROM analysis_backlog WHERE collar_id = '" + dog.collar + "'") > 0) {
            assertTrue(Instant.now().isBefore(deadline), "the collar's readings were not analysed within 30 s");
            pause();
        }
    }

    /** Between polls of the backlog while the server's own worker has the collar. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<BehaviorEvent> dayOf(Dog dog) {
        return events.ofPet(dog.pet, T0.minus(Duration.ofHours(10)), T0.plus(Duration.ofHours(14)));
    }

    private void execute(String sql) throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
