package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.BehaviorEngine;
import io.petty.domain.behavior.UnitAnalysis;
import io.petty.domain.testing.ReadingScript;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveAnalysesTest {

    private static final Instant DAY = Instant.parse("2026-11-25T00:00:00Z");
    private static final Instant T0 = DAY.plusSeconds(36_000);
    private static final UUID REX = UUID.randomUUID();
    private final BehaviorEngine engine = BehaviorEngine.ofRules();
    private final LiveAnalyses live = new LiveAnalyses(2);

    @Test
    void anAnalysisIsTakenBackOnlyWhileTheCursorHoldsTheStateItWasSavedWith() {
        LiveAnalyses.Live kept = kept(walked(10));
        live.keep("SN-1", kept);

        assertSame(kept, live.take("SN-1", cursor(kept.analysis().snapshot())).orElseThrow());
        live.keep("SN-1", kept);
        // Another server moved the cursor on (or the pass that saved this rolled back).
        assertTrue(live.take("SN-1", cursor(walked(11).snapshot())).isEmpty());
        assertTrue(live.take("SN-1", cursor(kept.analysis().snapshot())).isEmpty(), "a stale one is dropped");
    }

    @Test
    void aTakenAnalysisIsNotThereForAnotherPassUntilItIsKeptAgain() {
        LiveAnalyses.Live kept = kept(walked(10));
        live.keep("SN-1", kept);
        Cursor cursor = cursor(kept.analysis().snapshot());

        live.take("SN-1", cursor).orElseThrow();

        assertTrue(live.take("SN-1", cursor).isEmpty());
    }

    @Test
    void theLeastRecentlyUsedGoesBeyondTheCapacity() {
        for (String collar : new String[] {"SN-1", "SN-2", "SN-3"}) {
            live.keep(collar, kept(walked(10)));
        }

        assertEquals(2, live.size());
        assertTrue(live.take("SN-1", cursor(walked(10).snapshot())).isEmpty());
        assertTrue(live.take("SN-3", cursor(walked(10).snapshot())).isPresent());
    }

    private UnitAnalysis walked(int readings) {
        UnitAnalysis analysis = engine.start();
        ReadingScript.startingAt(T0).walk(readings, 95, 10, 0).readings()
                .forEach(reading -> analysis.accept(reading, event -> { }));
        return analysis;
    }

    private LiveAnalyses.Live kept(UnitAnalysis analysis) {
        return new LiveAnalyses.Live(cursor(analysis.snapshot()), analysis, analysis.openStarts());
    }

    private static Cursor cursor(byte[] state) {
        return new Cursor(REX, DAY, DAY.plusSeconds(86_400), T0, state);
    }
}
