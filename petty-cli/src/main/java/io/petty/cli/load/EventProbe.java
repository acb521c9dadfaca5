package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * An owner waiting for their pet's new session to show, to time the server's behavior engine while the fleet sends:
 * every interval the probe's collar posts two readings stamped now, of another activity than its previous batch's,
 * so that they start a session; the probe then polls the pet's timeline until that session is there, and times it
 * from the ingest's answer to the timeline's. One thread and one connection of its own, and a pause between polls:
 * it measures the engine under the fleet's load, and adds as little to that load as it can. That is not nothing:
 * the timeline is the whole day's, an event longer for each batch, and each poll reads it all.
 *
 * <p>Not thread-safe: one thread runs it; its figures are read once that thread has stopped.
 */
final class EventProbe {

    /** After a 429 or 503: the sample's clock runs on, so not long; but no burst at a server shedding load. */
    static final Duration REFUSED_PAUSE = Duration.ofMillis(100);

    private static final String INGEST = "/v1/ingest";
    /** Made once: {@code Json.createParser} looks the provider up on every call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private final Fleet.Owner owner;
    private final Fleet.Collar collar;
    private final HttpConnection connection;
    private final LoadPlan.Probes plan;
    private final Provisioner provisioner;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final SplittableRandom random;
    private final int homeLatE6;
    private final int homeLonE6;
    private final Histogram latency = new Histogram(3);
    private long timeouts;
    private long refused;
    private long failed;
    private long polls;
    /** Every new reading comes after this: the collar's pairing, or its newest reading of this run or earlier ones. */
    private Instant after;
    private CollarSimulation.State activity = CollarSimulation.State.RESTING;
    /** Volatile: an abandoned run's is read while the probe may still be stopping. */
    private volatile Instant newestSent;

    /**
     * @param owner       the probe's owner; its one collar is the probe's
     * @param connection  the probe's own
     * @param provisioner renews the collar's and the owner's tokens when the server no longer takes them
     * @param clock       what the readings are stamped by
     * @param nanoTime    what samples, timeouts and pauses are timed by
     */
    EventProbe(Fleet.Owner owner, HttpConnection connection, LoadPlan.Probes plan, Provisioner provisioner, Clock clock,
               LongSupplier nanoTime, long seed) {
        this.owner = owner;
        this.collar = owner.collars().get(0);
        this.connection = connection;
        this.plan = plan;
        this.provisioner = provisioner;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.random = new SplittableRandom(seed);
        // Homes scattered over Finland's south, as the fleet's are.
        this.homeLatE6 = 60_000_000 + random.nextInt(500_000);
        this.homeLonE6 = 24_000_000 + random.nextInt(2_000_000);
        FleetFile.Collar pairing = collar.pairing();
        this.after = pairing.newestSent() != null && pairing.newestSent().isAfter(pairing.pairedAt())
                ? pairing.newestSent() : pairing.pairedAt();
    }

    /**
     * Times a batch every interval from {@code firstNanos} until {@code deadlineNanos} (a sample that took longer
     * than the interval is followed at once, not by a burst), and stops waiting for a session at {@code giveUpNanos}.
     * Closes the connection when done.
     */
    void run(long firstNanos, long deadlineNanos, long giveUpNanos) {
        try {
            sleepUntil(firstNanos);
            try {
                // Untimed, and resting, as no timed batch is: it ends whatever session the collar's previous run left
                // open, a walk or a play, so that the first timed batch starts one as every later one does.
                post(batch(CollarSimulation.State.RESTING), giveUpNanos);
            } catch (RuntimeException unreadable) {
                failed++;
            }
            long interval = plan.interval().toNanos();
            for (long next = nanoTime.getAsLong(); next - deadlineNanos < 0;
                 next = Math.max(next + interval, nanoTime.getAsLong())) {
                sleepUntil(next);
                try {
                    sample(giveUpNanos);
                } catch (RuntimeException unreadable) {
                    // An answer the probe cannot read, or a failed token renewal, ends this sample, not the probe.
                    failed++;
                }
            }
        } catch (InterruptedException stopped) {
            // The run is over.
        } finally {
            connection.close();
        }
    }

    /**
     * One timed batch: posts two readings that start a session, playing after walking and walking after anything
     * else, then polls the timeline until it shows that session (a sample), the timeout has passed since the
     * ingest's answer (a timeout), or {@code giveUpNanos} comes (neither: the run is over).
     */
    void sample(long giveUpNanos) throws InterruptedException {
        List<SimulatedReading> readings = batch(activity == CollarSimulation.State.WALKING
                ? CollarSimulation.State.PLAYING : CollarSimulation.State.WALKING);
        OptionalLong stored = post(readings, giveUpNanos);
        if (stored.isPresent()) {
            awaitSession(readings.get(0).timestamp(), stored.getAsLong(), giveUpNanos);
        }
    }

    Histogram latency() {
        return latency;
    }

    long timeouts() {
        return timeouts;
    }

    long refused() {
        return refused;
    }

    long failed() {
        return failed;
    }

    /** Timeline requests sent: what the probe added to the server's load. */
    long polls() {
        return polls;
    }

    String collarId() {
        return collar.id();
    }

    /** The newest reading the probe sent (at least once), or null when it sent none. */
    Instant newestSent() {
        return newestSent;
    }

    /** Two readings a millisecond apart, stamped now, but after every reading the collar sent before. */
    private List<SimulatedReading> batch(CollarSimulation.State level) {
        Instant first = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!first.isAfter(after)) {
            first = after.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        }
        if (!day(first).equals(day(first.plusMillis(1)))) {
            // The engine analyses each of the pet's days on its own: readings either side of midnight would be
            // two runs of one reading each, and no session.
            first = first.plusMillis(1);
        }
        activity = level;
        List<SimulatedReading> readings = List.of(reading(first, level), reading(first.plusMillis(1), level));
        after = readings.get(1).timestamp();
        newestSent = after;
        return readings;
    }

    /** A dog at home, its heart rate and temperature those of what it is doing, as the fleet's dogs' are. */
    private SimulatedReading reading(Instant timestamp, CollarSimulation.State level) {
        return level.atHome(collar.id(), timestamp, random, homeLatE6, homeLonE6);
    }

    /** @return when the answer that holds both readings came, or empty when the batch is given up */
    private OptionalLong post(List<SimulatedReading> readings, long giveUpNanos) throws InterruptedException {
        byte[] body = ReadingJson.batch(readings).getBytes(StandardCharsets.UTF_8);
        boolean reauthorized = false;
        while (true) {
            HttpConnection.Response response;
            try {
                response = connection.send("POST", INGEST, HttpConnection.bearer(collar.deviceToken()), body, true);
            } catch (IOException lost) {
                failed++;
                return OptionalLong.empty();
            }
            long answered = nanoTime.getAsLong();
            int status = response.status();
            if (status == 200 || status == 201) {
                // A reading refused on its own never makes a session: waiting for one would only count a timeout.
                if (Receipts.acknowledged(response.body()).cardinality() == readings.size()) {
                    return OptionalLong.of(answered);
                }
                failed++;
                return OptionalLong.empty();
            }
            if (PettyApi.isRetryable(status)) {
                refused++;
                if (!pause(REFUSED_PAUSE.toNanos(), giveUpNanos)) {
                    return OptionalLong.empty();
                }
            } else if (status == 401 && !reauthorized) {
                // The device token expired (15 min): exchange the secret again, once, and resend.
                reauthorized = true;
                String token = provisioner.exchange(collar.pairing());
                if (token == null) {
                    failed++;
                    return OptionalLong.empty();
                }
                collar.deviceToken(token);
            } else {
                failed++;
                return OptionalLong.empty();
            }
        }
    }

    private void awaitSession(Instant start, long storedNanos, long giveUpNanos) throws InterruptedException {
        // The probes' pets are made without a time zone: their days are UTC days.
        String target = "/v1/pet-timeline?collar_id=" + URLEncoder.encode(collar.id(), StandardCharsets.UTF_8)
                + "&date=" + day(start);
        long limit = storedNanos + plan.timeout().toNanos();
        boolean reauthorized = false;
        while (true) {
            HttpConnection.Response response;
            polls++;
            try {
                response = connection.send("GET", target, HttpConnection.bearer(owner.accessToken()), null, true);
            } catch (IOException lost) {
                failed++;
                return;
            }
            long answered = nanoTime.getAsLong();
            int status = response.status();
            long pause = plan.poll().toNanos();
            if (status == 200 && shows(response.body(), start)) {
                if (answered - limit > 0) {
                    timeouts++;
                } else {
                    latency.recordValue((answered - storedNanos) / 1000);
                }
                return;
            }
            if (PettyApi.isRetryable(status)) {
                refused++;
                pause = REFUSED_PAUSE.toNanos();
            } else if (status == 401 && !reauthorized) {
                // The owner's access token expired (15 min): log in again, once, and poll at once.
                reauthorized = true;
                String token = provisioner.login(owner.account());
                if (token != null) {
                    owner.accessToken(token);
                }
                pause = 0;
            } else if (status != 200) {
                failed++;
                return;
            }
            if (answered - limit >= 0) {
                timeouts++;
                return;
            }
            // The last poll comes at the limit rather than a pause after it.
            long wake = Math.min(answered + pause, limit);
            if (wake - giveUpNanos >= 0) {
                // The run is over before the session showed or the timeout passed: neither a sample nor a timeout.
                return;
            }
            sleepUntil(wake);
        }
    }

    /**
     * Whether a timeline answer holds an event that starts at {@code start}. Streamed, without building the day's
     * events: the answer grows all day, and the probe reads it every poll on the server's machine.
     */
    static boolean shows(String timeline, Instant start) {
        // Depth 1 is the answer itself, 3 an event of "timeline" (its metadata is deeper).
        int depth = 0;
        boolean events = false;
        try (JsonParser parser = PARSERS.createParser(new StringReader(timeline))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> {
                        String key = parser.getString();
                        if (depth == 1) {
                            events = key.equals("timeline");
                        } else if (events && depth == 3 && key.equals("start")) {
                            parser.next();
                            if (Instant.parse(parser.getString()).equals(start)) {
                                return true;
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return false;
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** @return false, at once, when the pause would end at or after {@code giveUpNanos} */
    private boolean pause(long nanos, long giveUpNanos) throws InterruptedException {
        long wake = nanoTime.getAsLong() + nanos;
        if (wake - giveUpNanos >= 0) {
            return false;
        }
        sleepUntil(wake);
        return true;
    }

    private void sleepUntil(long nanos) throws InterruptedException {
        long rest = nanos - nanoTime.getAsLong();
        if (rest > 0) {
            TimeUnit.NANOSECONDS.sleep(rest);
        }
    }
}
