package io.petty.domain.telemetry;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Readings stored but not analysed yet. Each ingest announces, in the statement that stores its readings, the span
 * of the new readings' timestamps per collar (an arrival); whoever analyses them settles the arrivals in the same
 * transaction as its results, so that a crash in between loses nothing and repeats nothing.
 */
public interface ReadingBacklog {

    /** New readings of one collar, stored by one statement, between {@code earliest} and {@code latest}. */
    record Arrival(long id, String collarId, Instant earliest, Instant latest) {

        public Arrival {
            Objects.requireNonNull(collarId, "collarId is required.");
            Objects.requireNonNull(earliest, "earliest is required.");
            Objects.requireNonNull(latest, "latest is required.");
        }
    }

    /** Collars with arrivals, those that have waited longest first. */
    List<String> waitingCollars(int limit);

    /** Every arrival of these collars, oldest first. */
    List<Arrival> arrivals(Collection<String> collarIds);

    /**
     * The readings of these arrivals, as {@link ReadingRepository#scan} would give them, when this server stored
     * them all and still holds them in memory: the engine then need not read them back. Asked once per arrival.
     *
     * @return every one of their readings in timestamp order, or empty: read them from the database
     */
    Optional<List<Reading>> held(Collection<Arrival> arrivals);

    /** The arrivals were analysed: forget them. */
    void settle(Collection<Long> arrivalIds);
}
