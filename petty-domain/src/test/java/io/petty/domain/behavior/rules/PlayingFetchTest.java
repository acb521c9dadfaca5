package io.petty.domain.behavior.rules;

import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.testing.ReadingScript;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlayingFetchTest {

    private static final String T0 = "2026-11-25T16:00:00Z";
    private final PlayingFetch detector = new PlayingFetch();

    /** The dog waits for the first throw. */
    private static ReadingScript game() {
        return ReadingScript.startingAt(T0).rest(1, 100);
    }

    /** Runs {@code metres} out after the ball and back in 4 readings, then waits 2 readings for the next throw. */
    private static ReadingScript fetch(ReadingScript script, double metres) {
        double leg = metres / 2;
        return script.play(2, 150, leg, 0).play(2, 150, -leg, 0).rest(2, 110);
    }

    @Test
    void twoRunsOfOverAHundredMetresEachFollowedByARestArePlayingFetch() {
        ReadingScript game = fetch(fetch(game(), 120), 140);

        List<DetectedEvent> events = DetectorRun.events(detector, game);

        assertEquals(1, events.size());
        DetectedEvent fetch = events.get(0);
        assertEquals(PlayingFetch.PLAYING_FETCH, fetch.behavior());
        assertEquals(Instant.parse(T0).plusSeconds(10), fetch.start());
        assertEquals(Instant.parse(T0).plusSeconds(110), fetch.end(), "the rest that ended the second cycle");
        assertEquals(2, fetch.metadata().get("cycles"));
        assertTrue(fetch.confidence() > 0 && fetch.confidence() < 1);
    }

    @Test
    void oneCycleIsNotAGame() {
        assertEquals(List.of(), DetectorRun.events(detector, fetch(game(), 150)));
    }

    @Test
    void burstsThatStayCloseAreNotFetch() {
        ReadingScript near = fetch(fetch(fetch(game(), 90), 90), 90);

        assertEquals(List.of(), DetectorRun.events(detector, near));
    }

    @Test
    void walkingALongRestOrASilenceEndsTheGame() {
        ReadingScript walked = fetch(game(), 150).walk(1, 90, 0, 0);
        assertEquals(List.of(), DetectorRun.events(detector, fetch(walked, 150)));

        ReadingScript napped = fetch(game(), 150).rest(31, 70);
        assertEquals(List.of(), DetectorRun.events(detector, fetch(napped, 150)), "5 min 10 s of rest");

        ReadingScript silent = fetch(game(), 150).silence(Duration.ofMinutes(6));
        assertEquals(List.of(), DetectorRun.events(detector, fetch(silent, 150)));
    }

    @Test
    void moreCyclesAndLongerRunsAreMoreConfident() {
        double two = DetectorRun.events(detector, fetch(fetch(game(), 120), 120)).get(0).confidence();
        ReadingScript five = game();
        for (int i = 0; i < 5; i++) {
            fetch(five, 180);
        }
        double longer = DetectorRun.events(detector, five).get(0).confidence();

        assertTrue(longer > two, longer + " > " + two);
    }
}
