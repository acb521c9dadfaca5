package it.io.petty.incontainer;

import io.petty.domain.alerts.Alert;
import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.Alerts;
import io.petty.domain.alerts.rules.CollarSilent;
import io.petty.domain.behavior.BehaviorDays;
import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.BehaviorEvent;
import io.petty.domain.behavior.BehaviorEvents;
import io.petty.domain.behavior.Verdict;
import io.petty.domain.behavior.internal.AnalysisPass;
import io.petty.domain.behavior.internal.Announcements;
import io.petty.domain.behavior.internal.JdbcAnalysisCursors;
import io.petty.domain.behavior.internal.JpaBehaviorDays;
import io.petty.domain.behavior.internal.JpaBehaviorEvents;
import io.petty.domain.behavior.internal.LiveAnalyses;
import io.petty.domain.behavior.internal.SilenceCheck;
import io.petty.domain.collars.CollarService;
import io.petty.domain.feedback.FeedbackRequest;
import io.petty.domain.feedback.FeedbackService;
import io.petty.domain.feedback.UnknownEventException;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.ReadingRepository;
import io.petty.domain.telemetry.internal.HeldReadings;
import io.petty.domain.telemetry.internal.JdbcReadingBacklog;
import io.petty.domain.telemetry.internal.JdbcReadingPartitions;
import io.petty.domain.telemetry.internal.JdbcReadingRepository;
import io.petty.domain.testing.ReadingScript;
import io.petty.domain.webhooks.WebhookSecrets;
import io.petty.domain.webhooks.WebhookService;
import io.petty.domain.webhooks.internal.JdbcWebhooks;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    /** The pets' day of T0: they live in UTC, the default. */
    private static final LocalDate T0_DAY = LocalDate.ofInstant(T0, ZoneOffset.UTC);

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "behavior-in-container.war")
                // The rule detectors alone (RulesOnly): the motion model and Tribuo are the EAR's, not this archive's.
                .addPackages(true, Filters.exclude(".*/behavior/BehaviorResources\\.class|.*/behavior/motion/.*"),
                        "io.petty.domain.behavior")
                .addClass(RulesOnly.class)
                .addPackages(true, "io.petty.domain.telemetry", "io.petty.domain.pets",
                        "io.petty.domain.platform", "io.petty.domain.validation", "io.petty.domain.feedback",
                        "io.petty.domain.privacy", "io.petty.domain.alerts", "io.petty.domain.live")
                // The webhooks' outbox without their endpoints, whose secrets come from the secret store (identity).
                .addPackages(true, Filters.exclude(WebhookService.class, WebhookSecrets.class, JdbcWebhooks.class),
                        "io.petty.domain.webhooks")
                // The collars without the pairing service, which issues device credentials (identity, not needed).
                .addPackages(true, Filters.exclude(CollarService.class), "io.petty.domain.collars")
                .addClass(ReadingScript.class)
                .addAsResource("META-INF/persistence.xml")
                // The worker comes with the engine's package; it never starts here (nothing says the schema is ready).
                .addAsResource(new StringAsset("petty.behavior.poll=PT1H\npetty.behavior.pace=PT1H\n"
                        // Nothing refreshes by itself here: the tests say when (AnalysisPass.refresh).
                        + "petty.behavior.refresh=PT1H\npetty.behavior.live-collars=1000"), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** The engine of this archive: the rule detectors, as the server runs them without a motion model. */
    @ApplicationScoped
    public static class RulesOnly {
        @Produces
        @Dependent
        BehaviorEngine engine() {
            return BehaviorEngine.ofRules();
        }
    }

    @Inject
    AnalysisPass pass;

    @Inject
    ReadingRepository readings;

    @Inject
    BehaviorEvents events;

    @Inject
    BehaviorDays days;

    @Inject
    FeedbackService feedback;

    @Inject
    DataSource dataSource;

    // What another server's pass is made of: the same beans, a memory of its own.
    @Inject
    BehaviorEngine engine;

    @Inject
    JdbcAnalysisCursors cursors;

    @Inject
    JpaBehaviorEvents storedEvents;

    @Inject
    JpaBehaviorDays storedDays;

    @Inject
    Alerts alerts;

    @Inject
    SilenceCheck silence;

    @Inject
    Announcements announcements;

    @Inject
    UserTransaction transaction;

    @Inject
    ManagedExecutorService executor;

    @Test
    void aDayAnalysedAgainFindsTheSameEventsUnderTheSameIds() throws Exception {
        Dog dog = dog();
        send(dog, ReadingScript.startingAt(T0).rest(6, 75).walk(12, 95, 10, 0).rest(6, 75));
        List<BehaviorEvent> first = dayOf(dog);
        assertEquals(List.of("Rest", "Walk", "Rest"), first.stream().map(BehaviorEvent::behavior).toList());
        Instant analysed = Instant.now();

        // A late arrival at the day's first reading: the whole day is analysed again from the database.
        execute("INSERT INTO analysis_backlog (collar_id, earliest, latest) VALUES ('" + dog.collar + "', '" + T0
                + "', '" + T0 + "')");
        analyse(dog);

        assertEquals(1, count("SELECT count(*) FROM behavior_day WHERE collar_id = '" + dog.collar
                + "' AND analysed_at > '" + analysed + "'"), "analysed again");
        assertEquals(first, dayOf(dog));
    }

    @Test
    void readingsTakenFromMemoryGiveTheDayThatReadingThemBackGives() throws Exception {
        Dog fromMemory = dog();
        Dog fromDatabase = dog();
        // Stored as by another server: this one holds none of them, so its passes read them back.
        ReadingRepository elsewhere = new JdbcReadingRepository(dataSource, new JdbcReadingPartitions(dataSource),
                new HeldReadings(), committed -> { });
        List<Reading> day = ReadingScript.startingAt(T0).rest(52, 53, 52, 54, 53, 52).walk(14, 95, 12, 3)
                .play(6, 150, 40, 0).rest(3, 80).play(6, 150, -40, 0).rest(5, 70).readings();
        for (int from = 0; from < day.size(); from += 9) {
            List<Reading> batch = day.subList(from, Math.min(day.size(), from + 9));
            AnalysisPass.Outcome ours = storeAndAnalyse(fromMemory, batch);
            if (from > 0) {
                assertEquals(batch.size(), ours.held(), "a continuing day takes this server's new readings from memory");
            }
            elsewhere.store(ReadingScript.forCollar(batch, fromDatabase.collar), List.of());
            assertEquals(0, Optional.ofNullable(analyse(fromDatabase)).map(AnalysisPass.Outcome::held).orElse(0));
        }

        pass.refresh(List.of(fromMemory.collar, fromDatabase.collar));
        Set<String> expected = expectedEvents(day);
        assertEquals(expected, shown(dayOf(fromMemory)));
        assertEquals(expected, shown(dayOf(fromDatabase)));
        assertEquals(dayOf(fromDatabase).stream().map(BehaviorStoreInContainerIT::withoutIds).toList(),
                dayOf(fromMemory).stream().map(BehaviorStoreInContainerIT::withoutIds).toList());
        assertEquals(days.ofPet(fromDatabase.pet, T0_DAY.minusDays(1), T0_DAY.plusDays(1)),
                days.ofPet(fromMemory.pet, T0_DAY.minusDays(1), T0_DAY.plusDays(1)));
    }

    @Test
    void aReviewedEventMayGrowButIsNeverShortenedOrRemoved() throws Exception {
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
    void aPassThatOnlyGrowsWhatIsOpenLeavesItStoredAsItWasUntilTheRefresh() throws Exception {
        Dog dog = dog();
        BehaviorEvent walk = walkThatGrowsUnstored(dog);

        assertEquals(1, pass.refresh(List.of(dog.collar)));
        assertEquals(T0.plusSeconds(140), events.find(walk.id()).orElseThrow().end());
        assertEquals(15, days.ofPet(dog.pet, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
        assertEquals(0, staleCursors(dog));
        assertEquals(0, pass.refresh(List.of(dog.collar)), "nothing left to refresh");
    }

    @Test
    void theSweepRefreshesTheUnitsLeftStaleForLongerThanTheRefreshInterval() throws Exception {
        Dog recent = dog();
        BehaviorEvent recentWalk = walkThatGrowsUnstored(recent);
        Dog old = dog();
        BehaviorEvent oldWalk = walkThatGrowsUnstored(old);

        int refreshed = inTransaction(() -> {
            // Held by this transaction, so that the server's own sweep (a 1 s interval) cannot refresh it first.
            assertTrue(lockCursor(old));
            execute("UPDATE analysis_cursor SET stale_since = now() - interval '2 hours' WHERE collar_id = '"
                    + old.collar + "'");
            return pass.refreshStale(100);
        });

        assertTrue(refreshed >= 1);

        assertEquals(T0.plusSeconds(140), events.find(oldWalk.id()).orElseThrow().end());
        assertEquals(0, staleCursors(old));
        assertEquals(T0.plusSeconds(90), events.find(recentWalk.id()).orElseThrow().end(), "within the interval (1 h)");
        assertEquals(1, staleCursors(recent));
    }

    @Test
    void aUnitThatIsOverWhileItsOpenEventsLagClosesThemAsItsAnalysisStood() throws Exception {
        Dog dog = dog();
        BehaviorEvent walk = walkThatGrowsUnstored(dog);

        storeAndAnalyse(dog, theNextDaysFirstReading());

        BehaviorEvent closed = events.find(walk.id()).orElseThrow();
        assertEquals(T0.plusSeconds(140), closed.end());
        assertFalse(closed.open());
        assertEquals(15, days.ofPet(dog.pet, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
        assertEquals(0, staleCursors(dog));
    }

    @Test
    void anEventThatBeginsOrClosesIsStoredByThePassThatFindsIt() throws Exception {
        Dog dog = dog();
        walkThatGrowsUnstored(dog);

        AnalysisPass.Outcome rest = send(dog, ReadingScript.startingAt(T0.plusSeconds(150)).rest(3, 70));

        assertEquals(0, rest.deferred());
        List<BehaviorEvent> day = dayOf(dog);
        assertEquals(List.of("Walk", "Rest"), day.stream().map(BehaviorEvent::behavior).toList());
        assertEquals(List.of(false, true), day.stream().map(BehaviorEvent::open).toList());
        assertEquals(T0.plusSeconds(140), day.get(0).end());
        assertEquals(0, staleCursors(dog));
    }

    @Test
    void aPassThatDefersAgainSavesNothingOfTheCursor() throws Exception {
        Dog dog = dog();
        walkThatGrowsUnstored(dog);
        Instant markedStale = staleSince(dog);

        AnalysisPass.Outcome again = growTheWalk(dog, T0.plusSeconds(150));

        assertEquals(markedStale, staleSince(dog), "the mark of the first pass that deferred");
        assertEquals(1, again.deferred());
        assertEquals(T0.plusSeconds(140), cursorAnalysedThrough(dog), "as the pass that marked it stale saved it");
        assertEquals(1, pass.refresh(List.of(dog.collar)));
        assertEquals(T0.plusSeconds(190), cursorAnalysedThrough(dog));
        assertEquals(20, days.ofPet(dog.pet, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
    }

    @Test
    void anotherServerGoesOnFromAStaleCursorWithTheReadingsSinceIt() throws Exception {
        Dog dog = dog();
        walkThatLagsItsCursor(dog);

        store(dog, ReadingScript.startingAt(T0.plusSeconds(200)).at(600, 0).rest(3, 70).readings());
        onAnotherServer(dog, elsewhere -> {
            elsewhere.analyse(List.of(dog.collar));
            elsewhere.refresh(List.of(dog.collar));
        });

        assertEquals(expectedEvents(ReadingScript.startingAt(T0).walk(20, 95, 30, 0).rest(3, 70).readings()),
                shown(dayOf(dog)));
        assertEquals(23, days.ofPet(dog.pet, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
        assertEquals(0, staleCursors(dog));
    }

    @Test
    void theSweepOfAnotherServerReadsBackWhatAStaleCursorLacks() throws Exception {
        Dog dog = dog();
        BehaviorEvent walk = walkThatLagsItsCursor(dog);

        onAnotherServer(dog, elsewhere -> elsewhere.refresh(List.of(dog.collar)));

        assertEquals(T0.plusSeconds(190), events.find(walk.id()).orElseThrow().end());
        assertEquals(20, days.ofPet(dog.pet, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
        assertEquals(T0.plusSeconds(190), cursorAnalysedThrough(dog));
        assertEquals(0, staleCursors(dog));
    }

    @Test
    void aUnitOverOnAnotherServerClosesWithTheReadingsAfterItsStaleCursor() throws Exception {
        Dog dog = dog();
        BehaviorEvent walk = walkThatLagsItsCursor(dog);

        store(dog, theNextDaysFirstReading());
        onAnotherServer(dog, elsewhere -> elsewhere.analyse(List.of(dog.collar)));

        BehaviorEvent closed = events.find(walk.id()).orElseThrow();
        assertEquals(T0.plusSeconds(190), closed.end());
        assertFalse(closed.open());
        assertEquals(20, days.ofPet(dog.pet, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
    }

    /**
     * The walk of {@link #walkThatGrowsUnstored}, grown by five more readings in a pass that defers again, so that
     * the cursor (saved at T0 + 140 s) lags the analysis in this server's memory (T0 + 190 s).
     */
    private BehaviorEvent walkThatLagsItsCursor(Dog dog) throws Exception {
        BehaviorEvent walk = walkThatGrowsUnstored(dog);
        assertEquals(1, growTheWalk(dog, T0.plusSeconds(150)).deferred());
        return walk;
    }

    @Test
    void aLateReadingAmongThoseAnalysedWithoutSavingTheCursorIsTakenInInOrderByAnotherServer() throws Exception {
        Dog dog = dog();
        walkThatLagsItsCursor(dog);
        // Between the cursor (T0 + 140 s) and the analysis in this server's memory (T0 + 190 s).
        List<Reading> late = ReadingScript.startingAt(T0.plusSeconds(145)).at(435, 0).walk(1, 95, 30, 0).readings();

        store(dog, late);
        onAnotherServer(dog, elsewhere -> elsewhere.analyse(List.of(dog.collar)));

        List<Reading> day = Stream.concat(ReadingScript.startingAt(T0).walk(20, 95, 30, 0).readings().stream(),
                late.stream()).sorted(Comparator.comparing(Reading::timestamp)).toList();
        assertEquals(expectedEvents(day), shown(dayOf(dog)));
        assertEquals(21, days.ofPet(dog.pet, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
    }

    @Test
    void whatTheCollarSentAfterItWasPairedWithAnotherPetIsNotReadBackIntoTheFirstPetsDay() throws Exception {
        Dog dog = dog();
        BehaviorEvent walk = walkThatLagsItsCursor(dog);
        UUID second = anotherPetWearsTheCollar(dog, T0.plusSeconds(195));

        store(dog, ReadingScript.startingAt(T0.plusSeconds(200)).rest(3, 70).readings());
        onAnotherServer(dog, elsewhere -> elsewhere.analyse(List.of(dog.collar)));

        BehaviorEvent closed = events.find(walk.id()).orElseThrow();
        assertEquals(T0.plusSeconds(190), closed.end());
        assertFalse(closed.open());
        assertEquals(20, days.ofPet(dog.pet, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
        assertEquals(3, days.ofPet(second, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
    }

    @Test
    void aStateThisServerCannotReadKeepsItsStaleMarkForOneThatCan() throws Exception {
        Dog dog = dog();
        walkThatGrowsUnstored(dog);
        // As another version of the engine, with other detectors, would have written it.
        execute("UPDATE analysis_cursor SET state = '\\x0102030405060708' WHERE collar_id = '" + dog.collar + "'");

        assertEquals(0, pass.refresh(List.of(dog.collar)));

        assertEquals(1, staleCursors(dog), "its state may lag the readings: whoever reads it must read them back");
    }

    /**
     * Unpairs the collar from the dog and pairs it with a second pet of the same owner, the readings from
     * {@code from} on being the second pet's, as the collar repository does it.
     */
    @Test
    void aPassWhoseReadingsOpenAnAlertStoresItAndTheCursorAtOnce() throws Exception {
        Dog dog = dog();
        homeAtTheOrigin(dog);
        // 30 m a reading, beyond 110 m from the 30th second on: not for more than a minute yet.
        send(dog, ReadingScript.startingAt(T0).walk(10, 95, 30, 0));
        assertEquals(List.of(), alertsOf(dog));

        // The walk only grows, which a pass would leave stored as it was; an alert opens at 100 s.
        AnalysisPass.Outcome grown = growTheWalk(dog, T0.plusSeconds(100));

        assertEquals(0, grown.deferred());
        assertEquals(1, grown.alerts());
        assertEquals(List.of("left_home 100 open: 330 m from home (fence 100 m)"), alertsOf(dog));
        assertNull(staleSince(dog));
        assertEquals(T0.plusSeconds(140), cursorAnalysedThrough(dog));
    }

    @Test
    void gpsJitterAtTheFenceOpensNothingAndAWalkAwayAndBackOneEpisode() throws Exception {
        Dog dog = dog();
        homeAtTheOrigin(dog);
        ReadingScript jitter = ReadingScript.startingAt(T0).every(Duration.ofSeconds(30));
        for (double x : new double[] {95, 104, 108, 96, 109, 101, 107, 99, 105, 108, 97, 106}) {
            jitter.add(ActivityLevel.WALKING, 95, x, 0);
        }
        jitter.add(ActivityLevel.WALKING, 95, 900, 0).add(ActivityLevel.WALKING, 95, 100, 0);
        send(dog, jitter);
        assertEquals(List.of(), alertsOf(dog), "jitter and one wild fix");

        ReadingScript away = ReadingScript.startingAt(jitter.now()).every(Duration.ofSeconds(30)).at(100, 0);
        away.walk(6, 95, 40, 0).walk(4, 95, -20, 0).walk(8, 95, -30, 0);
        // Away from 420 s (140 m), back inside 90 m at 870 s: in two passes.
        storeAndAnalyse(dog, away.readings().subList(0, 9));
        storeAndAnalyse(dog, away.readings().subList(9, away.readings().size()));

        assertEquals(List.of("left_home 510 resolved at 870: back home, 80 m from its centre"), alertsOf(dog));
    }

    @Test
    void aBatteryFlappingAroundItsThresholdIsOneEpisodeThatLateAndReplayedReadingsDoNotOpenAgain() throws Exception {
        Dog dog = dog();
        List<Reading> flapping = batteryEveryMinute(14, 16, 14, 17, 13, 16, 20, 24, 26, 25, 14);
        storeAndAnalyse(dog, flapping.subList(0, 5));
        storeAndAnalyse(dog, flapping.subList(5, 10));
        assertEquals(List.of("low_battery 0 resolved at 480: battery at 26 %"), alertsOf(dog));

        // A late reading: the day is analysed again from its first reading, none of which is news to the rules.
        storeAndAnalyse(dog, List.of(battery(T0.plusSeconds(90), 5)));
        // The same readings again, out of order: nothing new is stored.
        List<Reading> replayed = new ArrayList<>(flapping.subList(0, 10));
        Collections.shuffle(replayed, new Random(7));
        store(dog, replayed);
        assertEquals(List.of("low_battery 0 resolved at 480: battery at 26 %"), alertsOf(dog));

        storeAndAnalyse(dog, flapping.subList(10, 11));
        assertEquals(List.of("low_battery 600 open: battery at 14 %", "low_battery 0 resolved at 480: battery at 26 %"),
                alertsOf(dog));
    }

    @Test
    void aSilentCollarFoundByAnotherServersCheckOpensOneEpisodeThatItsNextReadingResolves() throws Exception {
        Dog dog = dog();
        Instant last = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        storeAndAnalyse(dog, List.of(battery(last.minusSeconds(60), 80), battery(last, 80)));
        SilenceCheck elsewhere = new SilenceCheck(cursors, new JdbcReadingBacklog(dataSource, new HeldReadings()),
                new LiveAnalyses(10), alerts, announcements, Clock.systemUTC());

        // The server's own worker may check first.
        inTransaction(() -> elsewhere.check(100));
        Alert silent = alerts.ofPet(dog.pet, null).get(0);
        assertEquals(List.of(AlertKind.COLLAR_SILENT, last.plus(CollarSilent.AFTER), "no reading since " + last),
                List.of(silent.kind(), silent.openedAt(), silent.openedDetail()));
        inTransaction(() -> elsewhere.check(100));
        assertEquals(1, alerts.ofPet(dog.pet, null).size(), "one episode per silence");
        // This application's analysis in memory predates the check: its rules do not know the episode is open. The
        // reading was taken during the silence and uploaded late, as a collar out of reach does.
        storeAndAnalyse(dog, List.of(battery(last.plusSeconds(60), 80)));

        Alert resolved = alerts.find(silent.id()).orElseThrow();
        assertEquals(List.of(silent.openedAt(), "reading again"), List.of(resolved.resolvedAt(),
                resolved.resolvedDetail()));
        assertEquals(1, alerts.ofPet(dog.pet, null).size());
    }

    @Test
    void aCollarSilentSinceBeforeTheCheckHorizonRaisesNothing() throws Exception {
        Dog dog = dog();
        // Two days ago, long before the horizon: a collar put away, not news.
        storeAndAnalyse(dog, batteryEveryMinute(80, 80));

        inTransaction(() -> silence.check(100));

        assertEquals(List.of(), alertsOf(dog));
    }

    @Test
    void anAlertOfAPetEndsWhenItsCollarIsPairedWithAnother() throws Exception {
        Dog dog = dog();
        storeAndAnalyse(dog, batteryEveryMinute(12, 12));
        UUID second = anotherPetWearsTheCollar(dog, T0.plusSeconds(300));

        storeAndAnalyse(dog, List.of(battery(T0.plusSeconds(360), 50)));

        assertEquals(List.of("low_battery 0 resolved at 360: collar paired with another pet"), alertsOf(dog));
        assertEquals(List.of(), alerts.ofPet(second, null));
    }

    /** The pet's home: a fence of 100 m around where the scripts' dogs begin. */
    private void homeAtTheOrigin(Dog dog) throws SQLException {
        Reading origin = ReadingScript.startingAt(T0).rest(1, 70).readings().get(0);
        execute("UPDATE pet SET home_lat = " + origin.location().lat() + ", home_lon = " + origin.location().lon()
                + ", home_radius_m = 100 WHERE id = '" + dog.pet + "'");
    }

    private static List<Reading> batteryEveryMinute(int... levels) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            readings.add(battery(T0.plusSeconds(60L * i), levels[i]));
        }
        return readings;
    }

    private static Reading battery(Instant at, int pct) {
        return new Reading(ReadingScript.COLLAR, at, 70, ActivityLevel.RESTING, null, pct, null, null);
    }

    /** The pet's episodes, newest first: kind, seconds from T0 to its opening, where it is, and the last detail. */
    private List<String> alertsOf(Dog dog) {
        return alerts.ofPet(dog.pet, null).stream().map(alert -> alert.kind().wireName() + " "
                + Duration.between(T0, alert.openedAt()).toSeconds() + (alert.resolvedAt() == null
                ? " open: " + alert.openedDetail()
                : " resolved at " + Duration.between(T0, alert.resolvedAt()).toSeconds() + ": "
                        + alert.resolvedDetail())).toList();
    }

    private UUID anotherPetWearsTheCollar(Dog dog, Instant from) throws SQLException {
        UUID second = UUID.randomUUID();
        execute("INSERT INTO pet (id, owner_id, name, species) VALUES ('" + second + "', '" + dog.owner
                + "', 'Second', 'dog')");
        execute("UPDATE collar_pairing SET unpaired_at = now(), readings_until = '" + from + "' WHERE collar_id = '"
                + dog.collar + "' AND unpaired_at IS NULL");
        execute("INSERT INTO collar_pairing (collar_id, pet_id, paired_at, readings_from) VALUES ('" + dog.collar
                + "', '" + second + "', now(), '" + from + "')");
        execute("UPDATE collar SET pet_id = '" + second + "' WHERE id = '" + dog.collar + "'");
        return second;
    }

    /** The next day's first reading: the day of the walk is over. */
    private static List<Reading> theNextDaysFirstReading() {
        return ReadingScript.startingAt(T0.plus(1, ChronoUnit.DAYS)).rest(1, 70).readings();
    }

    /** Five more readings of the walk begun at T0 (30 m every 10 s), analysed by this server. */
    private AnalysisPass.Outcome growTheWalk(Dog dog, Instant from) throws Exception {
        double walked = 3 * Duration.between(T0, from).toSeconds();
        return storeAndAnalyse(dog, ReadingScript.startingAt(from).at(walked, 0).walk(5, 95, 30, 0).readings());
    }

    /**
     * Work of another server (or of this one restarted): the same database, a memory of its own (no analyses, none
     * of the readings this one stored), a transaction as its container would begin. Should the server's own worker
     * hold the collar meanwhile, it is that other server, and this waits until it has analysed and refreshed the
     * collar.
     */
    private void onAnotherServer(Dog dog, Consumer<AnalysisPass> work) throws Exception {
        AnalysisPass elsewhere = new AnalysisPass(() -> engine, new JdbcReadingBacklog(dataSource, new HeldReadings()),
                readings, cursors, storedEvents, storedDays, new LiveAnalyses(10), alerts, announcements, Clock.systemUTC(),
                Duration.ofHours(1));
        inTransaction(() -> {
            work.accept(elsewhere);
            return null;
        });
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (staleCursors(dog) > 0
                || count("SELECT count(*) FROM analysis_backlog WHERE collar_id = '" + dog.collar + "'") > 0) {
            assertTrue(Instant.now().isBefore(deadline), "the collar was not analysed and refreshed within 30 s");
            pause();
        }
    }

    private Instant cursorAnalysedThrough(Dog dog) throws SQLException {
        return cursorColumn(dog, "analysed_through");
    }

    private Instant staleSince(Dog dog) throws SQLException {
        return cursorColumn(dog, "stale_since");
    }

    private Instant cursorColumn(Dog dog, String column) throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("SELECT " + column + " FROM analysis_cursor WHERE collar_id = '"
                     + dog.collar + "'")) {
            assertTrue(row.next());
            OffsetDateTime value = row.getObject(1, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }

    /**
     * A walk stored open, then grown by five readings in a pass that leaves it stored as it was. It covers 30 m a
     * reading: no anxious pacing (a small area) begins in it, so the walk is all that is open.
     *
     * @return the walk as stored
     */
    private BehaviorEvent walkThatGrowsUnstored(Dog dog) throws Exception {
        AnalysisPass.Outcome began = send(dog, ReadingScript.startingAt(T0).walk(10, 95, 30, 0));
        BehaviorEvent walk = dayOf(dog).get(0);
        assertEquals(T0.plusSeconds(90), walk.end());
        AnalysisPass.Outcome grown = growTheWalk(dog, T0.plusSeconds(100));

        assertEquals(1, grown.deferred());
        assertEquals(walk, events.find(walk.id()).orElseThrow(), "left as it was");
        assertEquals(10, days.ofPet(dog.pet, T0_DAY, T0_DAY).get(T0_DAY).dataPoints());
        assertEquals(1, staleCursors(dog));
        return walk;
    }

    private long staleCursors(Dog dog) throws SQLException {
        return count("SELECT count(*) FROM analysis_cursor WHERE collar_id = '" + dog.collar
                + "' AND stale_since IS NOT NULL");
    }

    @Test
    void feedbackOnAnotherOwnersEventStoresNothing() throws Exception {
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

    /** What the engine finds in the readings of a day, in the form of {@link #shown}. */
    private static Set<String> expectedEvents(List<Reading> day) {
        return BehaviorEngine.ofRules().analyse(day).stream()
                .map(event -> event.start() + " " + event.end() + " " + event.behavior() + " " + event.confidence())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** As the engine's own events are put in the expectation: events that start together come in any order. */
    private static Set<String> shown(List<BehaviorEvent> events) {
        return events.stream().map(event -> event.start() + " " + event.end() + " " + event.behavior() + " "
                + event.confidence()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** What two dogs with the same day share: everything but the ids of the pet, collar and event. */
    private static List<Object> withoutIds(BehaviorEvent event) {
        return List.of(event.kind(), event.behavior(), event.start(), event.end(), event.confidence(),
                String.valueOf(event.distanceM()), event.detector(), event.detectorVersion(), event.evidenceJson(),
                event.open());
    }

    /**
     * Stores the readings as ingest does, has them analysed, and what was found stored, open events grown included.
     *
     * @return what this test's pass did
     */
    private AnalysisPass.Outcome send(Dog dog, ReadingScript script) throws Exception {
        AnalysisPass.Outcome outcome = storeAndAnalyse(dog, script.readings());
        pass.refresh(List.of(dog.collar));
        return outcome;
    }

    /** Stores the readings as ingest does, for whichever pass comes first. */
    private void store(Dog dog, List<Reading> sent) {
        readings.store(ReadingScript.forCollar(sent, dog.collar), List.of());
    }

    /**
     * Stores the readings as ingest does and has this application's pass analyse them, the collar's cursor locked
     * from before they are stored: the server's own worker skips a locked cursor, so it cannot take the pass (only
     * this application's passes keep analyses in memory, which is what lets a pass defer).
     *
     * @return what the pass did
     */
    private AnalysisPass.Outcome storeAndAnalyse(Dog dog, List<Reading> sent) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        return inTransaction(() -> {
            while (!lockCursor(dog)) {
                assertTrue(Instant.now().isBefore(deadline), "the server's worker held the cursor for 30 s");
                pause();
            }
            // Ingest commits by itself, so not in this transaction.
            executor.submit(() -> store(dog, sent)).get();
            return pass.analyse(List.of(dog.collar));
        });
    }

    /** Work in a transaction of its own, as a container would begin one: committed if it returns, else rolled back. */
    private <T> T inTransaction(Callable<T> work) throws Exception {
        transaction.begin();
        try {
            T done = work.call();
            transaction.commit();
            return done;
        } catch (Exception | Error e) {
            transaction.rollback();
            throw e;
        }
    }

    /** Locks the collar's cursor, made if need be, for the transaction in progress, unless the server's worker has it. */
    private boolean lockCursor(Dog dog) throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO analysis_cursor (collar_id) VALUES ('" + dog.collar
                    + "') ON CONFLICT DO NOTHING");
            try (ResultSet locked = statement.executeQuery("SELECT 1 FROM analysis_cursor WHERE collar_id = '"
                    + dog.collar + "' FOR UPDATE SKIP LOCKED")) {
                return locked.next();
            }
        }
    }

    /**
     * A pass over the collar; if the server's worker holds it, until that worker is done.
     *
     * @return what this test's pass did, or null when the server's worker did the work
     */
    private AnalysisPass.Outcome analyse(Dog dog) throws SQLException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            AnalysisPass.Outcome outcome = pass.analyse(List.of(dog.collar));
            if (outcome.collars() > 0) {
                return outcome;
            }
            if (count("SELECT count(*) FROM analysis_backlog WHERE collar_id = '" + dog.collar + "'") == 0) {
                return null;
            }
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
