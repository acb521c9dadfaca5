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

        assertSame(kept, live.take("SN-1", row(kept.analysis().snapshot())).orElseThrow());
        live.keep("SN-1", kept);
        // Another server moved the cursor on (or the pass that saved this rolled back).
        assertTrue(live.take("SN-1", row(walked(11).snapshot())).isEmpty());
        assertTrue(live.take("SN-1", row(kept.analysis().snapshot())).isEmpty(), "a stale one is dropped");
    }

    @Test
    void aTakenAnalysisIsNotThereForAnotherPassUntilItIsKeptAgain() {
        LiveAnalyses.Live kept = kept(walked(10));
        live.keep("SN-1", kept);
        JdbcAnalysisCursors.CursorRow row = row(kept.analysis().snapshot());

        live.take("SN-1", row).orElseThrow();

        assertTrue(live.take("SN-1", row).isEmpty());
    }

    @Test
    void notAfterTheCursorsAlertRulesChangedElsewhere() {
        LiveAnalyses.Live kept = kept(walked(10));
        live.keep("SN-1", kept);
        // Another server's check for a silent collar saved its rules.
        JdbcAnalysisCursors.CursorRow checked = new JdbcAnalysisCursors.CursorRow(cursor(kept.analysis().snapshot()),
                null, new byte[] {1});

        assertTrue(live.take("SN-1", checked).isEmpty());
    }

    @Test
    void theLeastRecentlyUsedGoesBeyondTheCapacity() {
        for (String collar : new String[] {"SN-1", "SN-2", "SN-3"}) {
            live.keep(collar, kept(walked(10)));
        }

        assertEquals(2, live.size());
        assertTrue(live.take("SN-1", row(walked(10).snapshot())).isEmpty());
        assertTrue(live.take("SN-3", row(walked(10).snapshot())).isPresent());
    }

    private UnitAnalysis walked(int readings) {
        UnitAnalysis analysis = engine.start();
        ReadingScript.startingAt(T0).walk(readings, 95, 10, 0).readings()
                .forEach(reading -> analysis.accept(reading, event -> { }));
        return analysis;
    }

    private LiveAnalyses.Live kept(UnitAnalysis analysis) {
        return new LiveAnalyses.Live(cursor(analysis.snapshot()), null, analysis, analysis.openStarts(),
                CollarAlerts.of(null, null));
    }

    private static JdbcAnalysisCursors.CursorRow row(byte[] state) {
        return new JdbcAnalysisCursors.CursorRow(cursor(state), null, null);
    }

    private static Cursor cursor(byte[] state) {
        return new Cursor(REX, DAY, DAY.plusSeconds(86_400), T0, state);
    }
}
