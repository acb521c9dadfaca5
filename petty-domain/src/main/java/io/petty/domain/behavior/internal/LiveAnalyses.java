package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.UnitAnalysis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The analyses of units in progress as this server's last passes left them, so that the next pass over a collar
 * need not read its state back from the cursor (that was a third of the engine's time with single readings). One is
 * used only while the locked cursor holds exactly the states it was saved with: not when another server has moved
 * the cursor since (or checked the collar for silence), nor when the pass that saved it rolled back. Least recently
 * used out beyond
 * {@code petty.behavior.live-collars}.
 */
@ApplicationScoped
public class LiveAnalyses {

    /**
     * A unit's analysis and what its passes saved and stored. The analysis may be ahead of the saved cursor: a pass
     * that defers the writes of a unit already stale saves nothing of it.
     *
     * @param saved       the cursor as stored
     * @param savedAlerts the collar's alert rules as stored with it
     * @param stored      the unit's open events as stored, by {@link UnitAnalysis#openStarts()}
     * @param alerts      the collar's alert rules, at the analysis's position
     */
    record Live(Cursor saved, byte[] savedAlerts, UnitAnalysis analysis, long[] stored, CollarAlerts alerts) {

        /** Where the analysis is, which may be past the saved cursor; its state is the analysis itself. */
        Cursor position() {
            return new Cursor(saved.petId(), saved.unitStart(), saved.unitEnd(), analysis.lastTimestamp(), null);
        }
    }

    private final Map<String, Live> byCollar;

    @Inject
    public LiveAnalyses(@ConfigProperty(name = "petty.behavior.live-collars") int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("petty.behavior.live-collars must not be negative");
        }
        this.byCollar = new LeastRecentlyUsed<>(capacity);
    }

    /** A map in access order that forgets its least recently used entry past its capacity. */
    private static final class LeastRecentlyUsed<K, V> extends LinkedHashMap<K, V> {
        private final int capacity;

        LeastRecentlyUsed(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
        }
    }

    /** For CDI proxies; never called to build a working instance. */
    protected LiveAnalyses() {
        this.byCollar = null;
    }

    /**
     * Takes the collar's analysis out, for a pass to continue: until {@link #keep} puts it back, no other pass can
     * use it as it changes.
     *
     * @return empty when there is none, or the cursor no longer holds what it was saved with
     */
    synchronized Optional<Live> take(String collarId, JdbcAnalysisCursors.CursorRow row) {
        Live live = byCollar.remove(collarId);
        if (live == null || row == null || !same(live.saved(), row.cursor())
                || !Arrays.equals(live.savedAlerts(), row.alerts())) {
            return Optional.empty();
        }
        return Optional.of(live);
    }

    /** After a pass: the analysis as it left it, with the cursor it saved. */
    synchronized void keep(String collarId, Live live) {
        byCollar.put(collarId, live);
    }

    synchronized int size() {
        return byCollar.size();
    }

    private static boolean same(Cursor saved, Cursor locked) {
        return saved.unitStart().equals(locked.unitStart()) && saved.petId().equals(locked.petId())
                && Arrays.equals(saved.state(), locked.state());
    }
}
