package io.petty.domain.collars;

import io.petty.domain.pets.PetDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Each collar's current pairing, remembered so that an ingest need not ask the database every time. Every change
 * to a collar row is announced by PostgreSQL ({@code collar:<id>} on {@code petty_security}); the listener that
 * hears it calls {@link #changed}, and while it cannot hear (not {@link #trust trusted}) every question goes to
 * the database. Only pairings that exist are remembered: a collar paired a moment ago is never refused from
 * a stale "not paired".
 */
@ApplicationScoped
public class CollarPairings {

    /** More collars than a large fleet; past it everything is forgotten and learnt again. */
    static final int MAX_REMEMBERED = 200_000;

    private final Function<String, Optional<Pairing>> lookup;
    private final Map<String, Pairing> remembered = new ConcurrentHashMap<>();
    /** Counts changes, so that a lookup racing a change does not remember what the change replaced. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean trusted;

    @Inject
    public CollarPairings(CollarRepository collars) {
        this(collars::current);
    }

    CollarPairings(Function<String, Optional<Pairing>> lookup) {
        this.lookup = lookup;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected CollarPairings() {
        this.lookup = null;
    }

    /** The collar's current pairing; empty when it is unknown or unpaired. */
    public Optional<Pairing> current(String collarId) {
        Pairing known = trusted ? remembered.get(collarId) : null;
        if (known != null) {
            return Optional.of(known);
        }
        long before = changes.get();
        Optional<Pairing> current = lookup.apply(collarId);
        if (current.isPresent() && trusted) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(collarId, current.get());
            if (changes.get() != before) {
                // Something changed while the database was asked: the answer may already be old.
                remembered.remove(collarId);
            }
        }
        return current;
    }

    /** The collar's row changed (paired, unpaired, deleted). */
    public void changed(String collarId) {
        changes.incrementAndGet();
        remembered.remove(collarId);
    }

    /** Collars may have changed without a word each: forget them all. */
    public void changedAll() {
        changes.incrementAndGet();
        remembered.clear();
    }

    /** A deleted pet's collars were unpaired with it; every server hears of each, this one knows at once. */
    void petDeleted(@Observes PetDeleted deleted) {
        changedAll();
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
