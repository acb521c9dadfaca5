package io.petty.domain.testing;

import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.Reading;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A whole day of a dog's collar, a reading every 10 s from midnight: a night's sleep with a few turns, a morning
 * walk with a lost fix and a GPS jump, a game of fetch at noon, a spell of anxious pacing, a collar that goes
 * silent for 20 minutes, an evening walk and the night again. The same seed gives the same readings, so it is the
 * "recorded day" that tests and benchmarks replay.
 */
public final class SampleDay {

    /** Readings of a full day at 10 s, less the 20 minutes the collar is silent. */
    public static final int READINGS = 8_640 - 120;

    private static final Duration CADENCE = Duration.ofSeconds(10);
    /** Readings' places in the day: 360 an hour. */
    private static final int HOUR = 360;

    private final Instant midnight;
    private final SplittableRandom random;
    private final ReadingScript script;

    private SampleDay(Instant midnight, long seed) {
        this.midnight = midnight;
        this.random = new SplittableRandom(seed);
        this.script = ReadingScript.startingAt(midnight).every(CADENCE);
    }

    /** The day from {@code midnight}, for {@link ReadingScript#COLLAR}. */
    public static List<Reading> readings(Instant midnight) {
        return new SampleDay(midnight, 20261125).write().readings();
    }

    private ReadingScript write() {
        sleep(6 * HOUR + HOUR / 2);             // 00:00–06:30
        restUntil(7 * HOUR, 78);                // awake
        walk(45 * 6, 1.3);                      // 07:00–07:45, with a lost fix and a jump
        restUntil(12 * HOUR, 76);
        fetch(12);                              // 12:00, a quarter of an hour
        restUntil(15 * HOUR, 75);
        pacing(60);                             // 15:00–15:10
        restUntil(16 * HOUR, 78);
        script.silence(Duration.ofMinutes(20)); // the collar is silent
        restUntil(18 * HOUR, 75);
        walk(40 * 6, 1.1);                      // 18:00–18:40
        restUntil(21 * HOUR, 74);
        sleep(3 * HOUR);                        // 21:00–24:00
        return script;
    }

    private void sleep(int readings) {
        for (int i = 0; i < readings; i++) {
            if (i % 700 == 699) {
                // Turning over: a moment of movement breaks the night into stretches.
                script.walk(1, 70, 0.5, 0);
            } else {
                script.rest(1, 52 + random.nextInt(-1, 2));
            }
        }
    }

    private void rest(int readings, int heartRate) {
        for (int i = 0; i < readings; i++) {
            script.rest(1, heartRate + random.nextInt(-4, 5));
        }
    }

    private void restUntil(int place, int heartRate) {
        rest(place - (int) (Duration.between(midnight, script.now()).toSeconds() / CADENCE.toSeconds()), heartRate);
    }

    /** A loop: out, and back the way it came, more or less. */
    private void walk(int readings, double speed) {
        double heading = random.nextDouble(2 * Math.PI);
        for (int i = 0; i < readings; i++) {
            heading += random.nextDouble(-0.3, 0.3) + (i == readings / 2 ? Math.PI : 0);
            double step = speed * 10 * random.nextDouble(0.7, 1.3);
            script.located(i < 100 || i > 110);
            if (i == 150) {
                // A GPS jump: 3 km off for one reading.
                script.add(ActivityLevel.WALKING, 100, 3_000, 3_000);
                continue;
            }
            script.walk(1, 92 + random.nextInt(-6, 7), step * Math.cos(heading), step * Math.sin(heading));
        }
        script.located(true);
    }

    private void fetch(int throwsOfTheBall) {
        for (int i = 0; i < throwsOfTheBall; i++) {
            double metres = random.nextDouble(110, 160);
            double angle = random.nextDouble(-0.5, 0.5);
            double leg = metres / 3;
            script.play(3, 150 + random.nextInt(-10, 11), leg * Math.cos(angle), leg * Math.sin(angle));
            script.play(3, 160 + random.nextInt(-10, 11), -leg * Math.cos(angle), -leg * Math.sin(angle));
            script.rest(2 + random.nextInt(3), 120 + random.nextInt(-10, 11));
        }
    }

    /** Up and down a 36 m stretch of the garden fence. */
    private void pacing(int readings) {
        for (int i = 0; i < readings; i++) {
            int leg = i % 6 < 3 ? i % 6 : 6 - i % 6;
            script.walkThrough(95 + random.nextInt(-5, 6), leg * 12 + random.nextDouble(-2, 2), random.nextDouble(-3, 3));
        }
    }
}
