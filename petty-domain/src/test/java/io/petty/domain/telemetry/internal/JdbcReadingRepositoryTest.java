package io.petty.domain.telemetry.internal;

import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.DeadLetter;
import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.MotionWindow;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.ReadingBacklog;
import io.petty.domain.telemetry.ReadingRepository;
import io.petty.domain.telemetry.RejectedReading;
import io.petty.domain.telemetry.StoredReading;
import io.petty.domain.testing.TestPostgres;
import io.petty.domain.validation.FieldViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcReadingRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:15:00.123456Z");

    private DataSource database;
    private JdbcReadingPartitions partitions;
    private JdbcReadingRepository repository;
    private JdbcDeadLetterRepository deadLetters;
    private HeldReadings held;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        partitions = new JdbcReadingPartitions(database);
        held = new HeldReadings();
        repository = new JdbcReadingRepository(database, partitions, held, committed -> { });
        deadLetters = new JdbcDeadLetterRepository(database);
    }

    @Test
    void storesABatchOnceNamingTheNewReadingsAndNotTheReplaysInsideOrAcrossBatches() {
        Reading first = reading("SN-001", T0);
        Reading second = reading("SN-001", T0.plusSeconds(1));

        assertEquals(positions(0, 1), repository.store(List.of(first, second, first), List.of()));
        assertEquals(positions(), repository.store(List.of(second, first), List.of()));
        assertEquals(positions(1), repository.store(List.of(first, reading("SN-002", T0)), List.of()));
    }

    @Test
    void newReadingsAreAnnouncedToTheAnalysisWithTheirSpanAndReplaysAreNot() {
        JdbcReadingBacklog backlog = new JdbcReadingBacklog(database, held);
        repository.store(List.of(reading("SN-001", T0.plusSeconds(5)), reading("SN-001", T0), reading("SN-002", T0)),
                List.of());
        repository.store(List.of(reading("SN-001", T0), reading("SN-002", T0.plusSeconds(9))), List.of());

        List<ReadingBacklog.Arrival> arrivals = backlog.arrivals(List.of("SN-001", "SN-002"));

        assertEquals(List.of("SN-001:" + T0 + "/" + T0.plusSeconds(5), "SN-002:" + T0 + "/" + T0,
                "SN-002:" + T0.plusSeconds(9) + "/" + T0.plusSeconds(9)), arrivals.stream()
                .map(a -> a.collarId() + ":" + a.earliest() + "/" + a.latest()).toList(), "the replay announced nothing");
        assertEquals(List.of("SN-001", "SN-002"), backlog.waitingCollars(10));
        backlog.settle(List.of(arrivals.get(0).id(), arrivals.get(1).id()));
        assertEquals(List.of("SN-002"), backlog.waitingCollars(10));
        assertEquals(1, backlog.arrivals(List.of("SN-001", "SN-002")).size());
    }

    @Test
    void theNewReadingsOfEachArrivalAreHeldForTheEngineExactlyAsAScanReadsThemBackOnceAndOnlyHere() {
        JdbcReadingBacklog backlog = new JdbcReadingBacklog(database, held);
        Reading everyField = new Reading("SN-001", T0.plusSeconds(1).plusNanos(789), 95, ActivityLevel.PLAYING,
                new GeoPoint(60_169_856, 24_938_412), 55, 38.612345678,
                new MotionWindow(50, 1, new float[] {0.01f, -0.98f, 0.12f}, null));
        Reading sentAgainDifferently = new Reading("SN-001", T0.plusSeconds(2), 140, ActivityLevel.WALKING, null, null,
                null, null);
        repository.store(List.of(reading("SN-001", T0.plusSeconds(2)), everyField, sentAgainDifferently,
                reading("SN-002", T0)), List.of());
        repository.store(List.of(everyField, reading("SN-002", T0.plusSeconds(1))), List.of());
        List<Reading> scanned = new ArrayList<>();
        repository.scan(List.of(new ReadingRepository.Span("SN-001", T0, T0.plusSeconds(9))),
                (reading, span) -> scanned.add(reading));

        List<ReadingBacklog.Arrival> first = backlog.arrivals(List.of("SN-001"));
        assertEquals(1, first.size(), "the replay announced nothing");
        assertEquals(2, scanned.size());
        assertEquals(everyField.motion(), scanned.get(0).motion(), "the motion classifier reads the window");
        assertEquals(Optional.of(scanned), backlog.held(first), "to the microsecond, the temperature as stored, the "
                + "motion window, in timestamp order, a reading sent twice in one statement held as stored: once, "
                + "first sent");
        assertEquals(Optional.empty(), backlog.held(first), "taken once");
        List<ReadingBacklog.Arrival> second = backlog.arrivals(List.of("SN-002"));
        assertEquals(List.of(reading("SN-002", T0)), backlog.held(second.subList(0, 1)).orElseThrow());
        assertEquals(Optional.empty(), backlog.held(second), "all or nothing: one of them was taken");

        new JdbcReadingRepository(database, partitions, new HeldReadings(), committed -> { })
                .store(List.of(reading("SN-003", T0)), List.of());
        assertEquals(Optional.empty(), backlog.held(backlog.arrivals(List.of("SN-003"))),
                "what another server stored is not held here");
        repository.store(List.of(reading("SN-004", T0)), List.of());
        List<ReadingBacklog.Arrival> settled = backlog.arrivals(List.of("SN-004"));
        backlog.settle(settled.stream().map(ReadingBacklog.Arrival::id).toList());
        assertEquals(Optional.empty(), backlog.held(settled), "settled arrivals are let go");
    }

    @Test
    void aScanHandsOverEachSpansReadingsSpanBySpanInTimestampOrderWithinItsBounds() {
        repository.store(List.of(reading("SN-001", T0.plusSeconds(2)), reading("SN-001", T0),
                reading("SN-001", T0.plusSeconds(3)), reading("SN-002", T0.plusSeconds(1))), List.of());
        repository.store(List.of(reading("SN-001", T0.plus(Duration.ofDays(1)))), List.of());

        List<String> scanned = new ArrayList<>();
        repository.scan(List.of(new ReadingRepository.Span("SN-002", T0, T0.plusSeconds(9)),
                        new ReadingRepository.Span("SN-001", T0, T0.plusSeconds(3)),
                        new ReadingRepository.Span("SN-001", T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)))),
                (reading, span) -> scanned.add(span + " " + reading.collarId() + " " + reading.timestamp()));

        assertEquals(List.of("0 SN-002 " + T0.plusSeconds(1),
                "1 SN-001 " + T0, "1 SN-001 " + T0.plusSeconds(2),
                "2 SN-001 " + T0, "2 SN-001 " + T0.plusSeconds(2), "2 SN-001 " + T0.plusSeconds(3),
                "2 SN-001 " + T0.plus(Duration.ofDays(1))), scanned,
                "from inclusive, to exclusive, each span's collar only, across partitions");
        List<Reading> one = new ArrayList<>();
        repository.scan(List.of(new ReadingRepository.Span("SN-001", T0, T0.plusSeconds(1))), (reading, span) -> one.add(reading));
        assertEquals(List.of(reading("SN-001", T0)), one);
    }

    @Test
    void whenOneStatementHoldsTwoVersionsOfAReadingTheFirstSentIsTheOneKept() throws SQLException {
        Reading sentFirst = reading("SN-001", T0);
        Reading sentSecond = new Reading("SN-001", T0, 140, ActivityLevel.PLAYING, null, null, null, null);

        assertEquals(positions(0), repository.store(List.of(sentFirst, sentSecond), List.of()));

        assertEquals(72, count("SELECT heart_rate FROM reading WHERE collar_id = 'SN-001'"));
    }

    @Test
    void latestIsTheNewestByTheCollarsClockAndKeepsEveryField() throws SQLException {
        UUID owner = pairCollar("SN-001");
        Reading newest = new Reading("SN-001", T0.plusSeconds(60), 95, ActivityLevel.PLAYING,
                new GeoPoint(60_169_856, 24_938_412), 55, 38.6,
                new MotionWindow(50, 2, new float[] {0.01f, -0.98f, 0.12f, 0.02f, -0.97f, 0.11f},
                        new float[] {1.2f, -0.4f, 0.3f, 1.1f, -0.5f, 0.2f}));
        repository.store(List.of(reading("SN-001", T0), newest), List.of());
        repository.store(List.of(reading("SN-001", T0.plusSeconds(30))), List.of());

        StoredReading latest = repository.latestOwnedBy("SN-001", owner).orElseThrow().latest().orElseThrow();

        assertEquals(newest, latest.reading());
    }

    @Test
    void latestIsOnlyForTheOwnerAndSaysWhenTheCollarHasNotReported() throws SQLException {
        UUID owner = pairCollar("SN-002");

        assertTrue(repository.latestOwnedBy("SN-002", owner).orElseThrow().latest().isEmpty());
        assertTrue(repository.latestOwnedBy("SN-002", UUID.randomUUID()).isEmpty());
        assertTrue(repository.latestOwnedBy("SN-404", owner).isEmpty());
    }

    @Test
    void refusedReadingsAreKeptWithTheRequestAndListedNewestFirstByCollarAndPage() {
        repository.store(List.of(reading("SN-001", T0)), List.of(refused("SN-001", "req-1", 1), refused("SN-001", "req-1", 2)));
        repository.store(List.of(), List.of(refused("SN-002", "req-2", null)));

        List<DeadLetter> all = deadLetters.list(null, null, 10);
        assertEquals(List.of("req-2", "req-1", "req-1"), all.stream().map(letter -> letter.reading().requestId()).toList());
        assertEquals(refused("SN-002", "req-2", null), all.get(0).reading());
        assertEquals(List.of(2, 1), deadLetters.list("SN-001", null, 10).stream()
                .map(letter -> letter.reading().index()).toList());
        assertEquals(List.of(1), deadLetters.list("SN-001", all.get(1).id(), 10).stream()
                .map(letter -> letter.reading().index()).toList());
        assertEquals(1, deadLetters.list(null, null, 1).size());
    }

    @Test
    void readingsAndTheirDeadLettersCommitTogetherOrNotAtAll() {
        RejectedReading unstorable = new RejectedReading(null, "req-1", 0, List.of(), "{}");

        assertThrows(DatabaseException.class, () -> repository.store(List.of(reading("SN-001", T0)), List.of(unstorable)));

        assertEquals(positions(0), repository.store(List.of(reading("SN-001", T0)), List.of()));
    }

    @Test
    void aPayloadIsCutToFourKilobytesAndPurgedAfterItsTime() {
        repository.store(List.of(), List.of(new RejectedReading("SN-001", "req-1", null,
                List.of(new FieldViolation("motion", "too long")), "x".repeat(10_000))));

        assertEquals(RejectedReading.MAX_PAYLOAD_CHARS, deadLetters.list(null, null, 10).get(0).reading().payload().length());
        assertEquals(0, deadLetters.purgeReceivedBefore(Instant.now().minusSeconds(60)));
        assertEquals(1, deadLetters.purgeReceivedBefore(Instant.now().plusSeconds(60)));
        assertTrue(deadLetters.list(null, null, 10).isEmpty());
    }

    private static RejectedReading refused(String collarId, String requestId, Integer index) {
        return new RejectedReading(collarId, requestId, index, List.of(new FieldViolation("heart_rate", "must be 30-300"),
                new FieldViolation("timestamp", "is required")), "{\"collar_id\": \"" + collarId + "\"}");
    }

    /** An owner with a dog wearing the collar. @return the owner */
    private UUID pairCollar(String collarId) throws SQLException {
        UUID owner = UUID.randomUUID();
        UUID pet = UUID.randomUUID();
        try (Connection connection = database.getConnection(); Statement insert = connection.createStatement()) {
            insert.execute("INSERT INTO account (id, role) VALUES ('" + owner + "', 'owner')");
            insert.execute("INSERT INTO pet (id, owner_id, name, species) VALUES ('" + pet + "', '" + owner
                    + "', 'Rex', 'dog')");
            insert.execute("INSERT INTO collar (id, pet_id, paired_at) VALUES ('" + collarId + "', '" + pet
                    + "', now())");
        }
        return owner;
    }

    @Test
    void concurrentSingleReadingsAreAllStoredAndAReadingSentTwiceAtOnceCountsAsNewOnlyOnce() throws Exception {
        int senders = 16;
        int perSender = 50;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Integer>> newOnes = new ArrayList<>();
            for (int sender = 0; sender < senders; sender++) {
                String collar = "SN-" + (sender % 8);  // two senders per collar, sending the same readings
                newOnes.add(pool.submit(() -> {
                    int stored = 0;
                    for (int i = 0; i < perSender; i++) {
                        stored += repository.store(List.of(reading(collar, T0.plusSeconds(i))), List.of()).cardinality();
                    }
                    return stored;
                }));
            }
            int stored = 0;
            for (Future<Integer> sender : newOnes) {
                stored += sender.get(30, TimeUnit.SECONDS);
            }

            assertEquals(8 * perSender, stored);
            try (Connection connection = database.getConnection(); Statement query = connection.createStatement();
                 var result = query.executeQuery("SELECT count(*), count(DISTINCT collar_id) FROM reading")) {
                result.next();
                assertEquals(8 * perSender, result.getInt(1));
                assertEquals(8, result.getInt(2));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void singleReadingsWaitingTogetherAreOneStatementAndAReadingSentTwiceIsNewForOneSenderOnly() throws Exception {
        CountDownLatch firstMayConnect = new CountDownLatch(1);
        AtomicInteger connections = new AtomicInteger();
        DataSource counted = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && connections.incrementAndGet() == 1) {
                        firstMayConnect.await();
                    }
                    try {
                        return method.invoke(database, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        JdbcReadingRepository grouped = new JdbcReadingRepository(counted, partitions, new HeldReadings(),
                committed -> { });
        Reading twice = reading("SN-001", T0);
        FutureTask<BitSet> first = new FutureTask<>(() -> grouped.store(List.of(reading("SN-009", T0)), List.of()));
        FutureTask<BitSet> one = new FutureTask<>(() -> grouped.store(List.of(twice), List.of()));
        FutureTask<BitSet> other = new FutureTask<>(() -> grouped.store(List.of(twice), List.of()));
        FutureTask<BitSet> third = new FutureTask<>(() -> grouped.store(List.of(reading("SN-002", T0)), List.of()));
        Thread writing = new Thread(first);
        writing.start();
        while (connections.get() == 0) {
            Thread.sleep(1);
        }
        List<Thread> waiting = List.of(new Thread(one), new Thread(other), new Thread(third));
        waiting.forEach(Thread::start);
        while (!waiting.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING)) {
            Thread.sleep(1);
        }

        firstMayConnect.countDown();

        assertEquals(positions(0), first.get(10, TimeUnit.SECONDS));
        assertEquals(1, one.get(10, TimeUnit.SECONDS).cardinality() + other.get(10, TimeUnit.SECONDS).cardinality(),
                "one sender's reading is new, the other's a replay");
        assertEquals(positions(0), third.get(10, TimeUnit.SECONDS));
        assertEquals(2, connections.get(), "the three waiting requests went in one statement");
        assertEquals(1, count("SELECT count(*) FROM reading WHERE collar_id = 'SN-001'"));
    }

    @Test
    void aPartitionDroppedSinceItWasRememberedIsCreatedAgain() throws SQLException {
        repository.store(List.of(reading("SN-001", T0)), List.of());
        try (Connection connection = database.getConnection(); Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE reading_20261125");
        }

        assertEquals(positions(0), repository.store(List.of(reading("SN-001", T0)), List.of()));
    }

    @Test
    void ensureAheadCreatesTodayAndTheComingDays() throws SQLException {
        partitions.ensureAhead(LocalDate.of(2026, 12, 30), 3);

        try (Connection connection = database.getConnection(); Statement query = connection.createStatement();
             var result = query.executeQuery(
                     "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relkind = 'r' AND relname LIKE 'reading\\_2%'")) {
            result.next();
            assertEquals("reading_20261230,reading_20261231,reading_20270101,reading_20270102", result.getString(1));
        }
    }

    private long count(String query) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static BitSet positions(int... stored) {
        BitSet set = new BitSet();
        for (int position : stored) {
            set.set(position);
        }
        return set;
    }

    private static Reading reading(String collarId, Instant timestamp) {
        return new Reading(collarId, timestamp, 72, ActivityLevel.WALKING, null, null, null, null);
    }
}
