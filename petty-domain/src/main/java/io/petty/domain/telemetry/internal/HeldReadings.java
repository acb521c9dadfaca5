package io.petty.domain.telemetry.internal;

import io.petty.domain.telemetry.Reading;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The readings this server stored last, by the arrival that announced them, as a scan would read them back: the
 * behavior engine takes them from here rather than reading them again (that read cost about a tenth of batched
 * ingest's throughput, docs/benchmarks.md). Only a shortcut: bounded, the oldest dropped first, lost with the
 * server, and whatever is not here is read from the database.
 */
@ApplicationScoped
public class HeldReadings {

    /**
     * Readings held at most, about 48 MB: several seconds of full batched ingest, passes come every fraction. A
     * reading with a motion window counts as many readings as its samples weigh ({@link #weight}): some 19,000 of
     * them, three seconds of ingest with motion, whose windows are costly to read back.
     */
    static final int CAPACITY = 400_000;
    /** About what a reading without motion takes in memory, in bytes. */
    private static final int READING_BYTES = 120;

    private final int capacity;
    private final LinkedHashMap<Long, List<Reading>> byArrival = new LinkedHashMap<>();
    private int held;

    public HeldReadings() {
        this(CAPACITY);
    }

    HeldReadings(int capacity) {
        this.capacity = capacity;
    }

    /** Holds the new readings of one statement, by arrival: what it stored, in the form a scan would return. */
    synchronized void keep(Map<Long, List<Reading>> arrivals) {
        arrivals.forEach((arrival, readings) -> {
            byArrival.put(arrival, readings);
            held += weight(readings);
        });
        Iterator<List<Reading>> oldest = byArrival.values().iterator();
        while (held > capacity && oldest.hasNext()) {
            held -= weight(oldest.next());
            oldest.remove();
        }
    }

    /** These arrivals are settled: their readings will not be asked for. */
    synchronized void forget(Collection<Long> arrivalIds) {
        arrivalIds.forEach(this::remove);
    }

    /**
     * Takes these arrivals' readings, forgetting them either way.
     *
     * @return all of them, in timestamp order; empty unless every arrival is still held
     */
    Optional<List<Reading>> take(Collection<Long> arrivalIds) {
        List<Reading> readings = new ArrayList<>();
        boolean all = true;
        synchronized (this) {
            for (Long arrival : arrivalIds) {
                List<Reading> of = remove(arrival);
                if (of == null) {
                    all = false;
                } else {
                    readings.addAll(of);
                }
            }
        }
        if (!all) {
            return Optional.empty();
        }
        readings.sort(Comparator.comparing(Reading::timestamp));
        return Optional.of(readings);
    }

    /** Readings and their motion windows' floats, in readings' worth of memory. */
    static int weight(List<Reading> readings) {
        int weight = readings.size();
        for (Reading reading : readings) {
            if (reading.motion() != null) {
                int floats = reading.motion().accel().length + (reading.motion().gyro() == null ? 0
                        : reading.motion().gyro().length);
                weight += floats * Float.BYTES / READING_BYTES;
            }
        }
        return weight;
    }

    private List<Reading> remove(Long arrival) {
        List<Reading> readings = byArrival.remove(arrival);
        if (readings != null) {
            held -= weight(readings);
        }
        return readings;
    }
}
