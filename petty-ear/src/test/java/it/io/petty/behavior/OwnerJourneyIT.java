package it.io.petty.behavior;

import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.ReadingScript;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.Readings;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static it.io.petty.Fleet.require;
import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fifty owners at once, each on a thread of its own, through the whole journey over the public API as the app and
 * a collar make it: sign up, log in, add a dog, pair its collar, send a stretch of the dog's day, read back what the
 * engine made of it (realtime, the pet plan, the timeline) and confirm one event. No call of any owner may fail, and
 * each owner sees exactly its own dog's day.
 */
class OwnerJourneyIT {

    private static final int OWNERS = 50;
    /** Where the dogs live: their local days, the units the engine analyses, begin at different instants. */
    private static final List<String> ZONES = List.of("UTC", "Europe/Helsinki", "America/New_York", "Asia/Kolkata",
            "Pacific/Kiritimati");
    /** The stretch (302 readings) in two requests: far inside each collar's ingest bucket (100, then 1 a second on the test server). */
    private static final int BATCH = 160;
    /** Refusals of one batch a collar sits out before the journey counts the server as failing. */
    private static final int MOST_REFUSALS = 60;
    private static final Duration ANALYSIS = Duration.ofSeconds(90);
    private static final String NOTHING = "nothing the engine can tell";
    /**
     * Owners sign up and log in a few at a time: each is two password hashes (PBKDF2, 600,000 iterations), which
     * would otherwise take the processors from the journeys under way.
     */
    private static final Semaphore LOGINS = new Semaphore(5);

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void fiftyOwnersAtOnceEachSeeTheirDogsDayAnalysedAndConfirmAnEventWithoutAnError() throws InterruptedException {
        List<Callable<Integer>> journeys = IntStream.range(0, OWNERS)
                .<Callable<Integer>>mapToObj(owner -> () -> journey(owner)).toList();
        ExecutorService owners = Executors.newFixedThreadPool(OWNERS);
        List<Future<Integer>> ended;
        try {
            ended = owners.invokeAll(journeys);
        } finally {
            owners.shutdownNow();
        }

        int finished = 0;
        int refusals = 0;
        Map<String, Throwable> failures = new LinkedHashMap<>();
        for (int owner = 0; owner < OWNERS; owner++) {
            try {
                refusals += ended.get(owner).get();
                finished++;
            } catch (ExecutionException e) {
                failures.put("owner " + owner + " in " + ZONES.get(owner % ZONES.size()), e.getCause());
            }
        }
        // Not errors: the test server writes two batches at a time and refuses more with 503 and Retry-After.
        System.out.printf("%d owners finished their journeys; the server refused batches for now %d times, and took "
                + "them when sent again after Retry-After%n", finished, refusals);
        if (!failures.isEmpty()) {
            AssertionError all = new AssertionError(failures.size() + " of " + OWNERS + " journeys failed:\n"
                    + failures.entrySet().stream().map(failure -> failure.getKey() + ": " + failure.getValue())
                    .collect(Collectors.joining("\n")));
            failures.values().forEach(all::addSuppressed);
            throw all;
        }
    }

    /** @return how many times the server refused the collar's batches for now, and took them when sent again */
    private static int journey(int owner) throws InterruptedException {
        ZoneId zone = ZoneId.of(ZONES.get(owner % ZONES.size()));
        BigDecimal weight = BigDecimal.valueOf(500 + 75L * owner, 2);
        int condition = 4 + owner % 5;
        Fleet.Owner account;
        LOGINS.acquire();
        try {
            account = Fleet.newOwner();
        } finally {
            LOGINS.release();
        }
        UUID dog = Fleet.newPet(account, """
                {"name": "Dog %d", "species": "dog", "weight_kg": %s, "body_condition_score": %d, "time_zone": "%s"}"""
                .formatted(owner, weight, condition, zone));
        Fleet.Collar collar = Fleet.newCollarPairedNow(account, dog);

        // Only readings stamped after the pairing are the dog's: the collar's clock starts a whole second or more
        // ahead, each owner's a second later than the one before (so that no two days are alike, and a timeline
        // served to the wrong owner shows), and the stretch ends a quarter of an hour later, well inside the hour
        // ahead of the server's clock that it accepts.
        List<Reading> stretch = ReadingScript.forCollar(walkFetchAndRest(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1 + owner)), collar.id());
        int refusals = 0;
        for (int from = 0; from < stretch.size(); from += BATCH) {
            refusals += ingest(collar, stretch.subList(from, Math.min(stretch.size(), from + BATCH)));
        }
        Behavior.awaitAnalysed(collar.id(), ANALYSIS);

        // The engine analyses each local day of the dog's on its own, and the stretch may cross a midnight of its.
        TreeMap<LocalDate, List<Reading>> days = stretch.stream().collect(Collectors.groupingBy(
                reading -> LocalDate.ofInstant(reading.timestamp(), zone), TreeMap::new, Collectors.toList()));
        String token = account.accessToken();
        JsonObject realtime = json(require(get("/v1/realtime?collar_id=" + collar.id(), token), 200));
        JsonObject plan = json(require(get("/v1/pet-plan?collar_id=" + collar.id(), token), 200));
        Map<LocalDate, JsonObject> timelines = new TreeMap<>();
        for (Map.Entry<LocalDate, List<Reading>> day : days.entrySet()) {
            JsonObject timeline = Behavior.timeline(collar, day.getKey().toString());
            assertEquals(Behavior.expectedEvents(day.getValue()), Behavior.shownEvents(timeline),
                    day.getKey() + " in " + zone);
            assertEquals(day.getValue().size(), timeline.getJsonObject("summary").getInt("data_points"));
            timelines.put(day.getKey(), timeline);
        }

        assertRealtime(realtime, stretch.get(stretch.size() - 1), days.lastEntry().getValue(),
                timelines.get(days.lastKey()));
        assertPlan(plan, weight, condition, days);
        confirmTheWalk(collar, timelines);
        return refusals;
    }

    /**
     * Rests a minute, walks five, plays fetch for three (four throws of 120 m) and rests six, as a collar reports:
     * every 10 s at rest, every 5 s on a walk, every second at play. The rest is long enough to end the game, so what
     * the dog is doing at the end is resting.
     */
    private static List<Reading> walkFetchAndRest(Instant start) {
        ReadingScript dog = ReadingScript.startingAt(start).every(Duration.ofSeconds(10)).rest(6, 75)
                .every(Duration.ofSeconds(5)).walk(60, 95, 6.5, 0).every(Duration.ofSeconds(1));
        for (int ball = 0; ball < 4; ball++) {
            dog.play(20, 150, 6, 0).play(20, 155, -6, 0).rest(10, 120);
        }
        return dog.every(Duration.ofSeconds(10)).rest(36, 75).readings();
    }

    /**
     * Sends one batch as a collar does: refused for now (503: the server is writing as many batches as it takes at
     * once; 429: the collar's bucket is empty), nothing was stored and it is sent again after the Retry-After.
     *
     * @return how many times it was refused before the server stored it
     */
    private static int ingest(Fleet.Collar collar, List<Reading> batch) throws InterruptedException {
        String body = Readings.batch(batch.stream().map(Behavior::json).toList());
        for (int refusals = 0; ; refusals++) {
            HttpResponse<String> response = postJson("/v1/ingest", body, collar.deviceToken());
            Optional<String> retryAfter = response.headers().firstValue("Retry-After");
            boolean forNow = response.statusCode() == 429 || response.statusCode() == 503
                    && response.body().contains("\"https://petty.io/problems/overloaded\"");
            if (forNow && retryAfter.isPresent() && refusals < MOST_REFUSALS) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(retryAfter.get())));
                continue;
            }
            JsonObject receipt = json(require(response, 201));
            assertEquals(batch.size(), receipt.getInt("stored"), response.body());
            return refusals;
        }
    }

    /**
     * The newest reading, and what the dog is doing now: the last thing the engine finds on the dog's last local
     * day, which is the rest after the game (since the game ended, or since midnight), still going on.
     */
    private static void assertRealtime(JsonObject realtime, Reading newest, List<Reading> lastDay,
                                       JsonObject timeline) {
        assertEquals(newest.timestamp(), Instant.parse(realtime.getString("timestamp")), realtime.toString());
        assertEquals(newest.heartRate(), realtime.getInt("heart_rate"), realtime.toString());
        assertEquals(newest.activityLevel().code(), realtime.getInt("activity_level"), realtime.toString());
        String expected = BehaviorEngine.ofRules().analyse(lastDay).stream()
                .max(Comparator.comparing(DetectedEvent::start))
                .map(event -> event.behavior() + " since " + event.start()).orElse(NOTHING);
        if (!realtime.containsKey("current_behavior")) {
            assertEquals(NOTHING, expected, realtime.toString());
            return;
        }
        JsonObject current = realtime.getJsonObject("current_behavior");
        assertEquals(expected, current.getString("behavior") + " since " + Instant.parse(current.getString("since")),
                realtime.toString());
        JsonObject shown = events(timeline)
                .filter(event -> event.getString("event_id").equals(current.getString("event_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("now is not on the day: " + realtime + " " + timeline));
        assertTrue(shown.getJsonObject("metadata").getBoolean("ongoing"), shown.toString());
    }

    /**
     * The energy worked out from the weight: RER = 70 · kg^0.75, times the factor of the dog's activity class. The
     * class is weight loss from a body condition of 7; otherwise typical, as no whole day is measured yet (today does
     * not count), or inactive once a local midnight has passed since the stretch began: the day before it has far
     * fewer than 30 active minutes.
     */
    private static void assertPlan(JsonObject plan, BigDecimal weight, int condition,
                                   TreeMap<LocalDate, List<Reading>> days) {
        JsonObject activity = plan.getJsonObject("activity");
        LocalDate today = LocalDate.parse(activity.getJsonObject("today").getString("date"));
        int measured = days.headMap(today).size();
        assertEquals(measured, activity.getInt("days_measured"), plan.toString());
        double factor = condition >= 7 ? 1.0 : measured == 0 ? 1.6 : 1.2;
        double resting = 70 * Math.pow(weight.doubleValue(), 0.75);
        JsonObject energy = plan.getJsonObject("energy");
        assertEquals(Math.round(resting), energy.getJsonNumber("resting_kcal_per_day").longValue(), plan.toString());
        assertEquals(Math.round(resting * factor), energy.getJsonNumber("maintenance_kcal_per_day").longValue(),
                plan.toString());
        assertEquals(List.of(), plan.getJsonArray("health_alerts"), plan.toString());
    }

    /** The owner says the walk was right, and the walk shows it. */
    private static void confirmTheWalk(Fleet.Collar collar, Map<LocalDate, JsonObject> timelines) {
        for (Map.Entry<LocalDate, JsonObject> day : timelines.entrySet()) {
            Optional<String> walk = events(day.getValue()).filter(event -> event.getString("behavior").equals("Walk"))
                    .map(event -> event.getString("event_id")).findFirst();
            if (walk.isEmpty()) {
                continue;
            }
            require(postJson("/v1/submit-feedback", """
                    {"event_id": "%s", "user_feedback": "correct"}""".formatted(walk.get()),
                    collar.owner().accessToken()), 201);
            JsonObject timeline = Behavior.timeline(collar, day.getKey().toString());
            JsonObject confirmed = events(timeline).filter(event -> event.getString("event_id").equals(walk.get()))
                    .findFirst().orElseThrow(() -> new AssertionError("the walk is gone: " + timeline));
            assertEquals("correct", confirmed.getJsonObject("metadata").getJsonObject("feedback").getString("verdict"),
                    confirmed.toString());
            return;
        }
        throw new AssertionError("no walk on " + timelines);
    }

    private static Stream<JsonObject> events(JsonObject timeline) {
        return timeline.getJsonArray("timeline").stream().map(JsonValue::asJsonObject);
    }
}
