package io.petty.domain.pets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each collar was paired, remembered so that an ingest need not ask the database every time. Every change
 * to a collar row is announced by PostgreSQL ({@code collar:<id>} on {@code petty_security}); the listener that
 * hears it calls {@link #changed}, and while it cannot hear (not {@link #trust trusted}) every question goes to
 * the database. Only pairings that exist are remembered: a collar paired a moment ago is never refused from
 * a stale "not paired".
 */
@ApplicationScoped
public class CollarPairings {

    /** More collars than a large fleet; past it everything is forgotten and learnt again. */
    static final int MAX_REMEMBERED = 200_000;

    private final CollarRepository collars;
    private final Map<String, Instant> pairedAt = new ConcurrentHashMap<>();
    /** Counts changes, so that a lookup racing a change does not remember what the change replaced. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean trusted;

    @Inject
    public CollarPairings(CollarRepository collars) {
        this.collars = collars;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected CollarPairings() {
        this(null);
    }

    /** When the collar was paired with its current pet; empty when it is unknown or unpaired. */
    public Optional<Instant> pairedAt(String collarId) {
        Instant known = trusted ? pairedAt.get(collarId) : null;
        if (known != null) {
            return Optional.of(known);
        }
        long before = changes.get();
        Optional<Instant> current = collars.pairedAt(collarId);
        if (current.isPresent() && trusted) {
            if (pairedAt.size() >= MAX_REMEMBERED) {
                pairedAt.clear();
            }
            pairedAt.put(collarId, current.get());
            if (changes.get() != before) {
                // Something changed while the database was asked: the answer may already be old.
                pairedAt.remove(collarId);
            }
        }
        return current;
    }

    /** The collar's row changed (paired, unpaired, deleted). */
    public void changed(String collarId) {
        changes.incrementAndGet();
        pairedAt.remove(collarId);
    }

    /** Collars may have changed without a word each (a pet deleted, unpairing its collars). */
    public void changedAll() {
        changes.incrementAndGet();
        pairedAt.clear();
    }

    /** Change notifications arrive from now on: remembering is safe. */
    public void trust() {
        changedAll();
        trusted = true;
    }

    /** Notifications may be missed (the listener lost its connection): ask the database every time. */
    public void distrust() {
        trusted = false;
        changedAll();
    }
}
