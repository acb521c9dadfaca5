package io.petty.domain.telemetry;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** Where readings are kept. Implementations commit before they return: a returned outcome is durable. */
public interface ReadingRepository {

    /**
     * Stores the readings not stored before, in one transaction, and keeps each collar's latest current.
     *
     * @return the positions (in {@code readings}) of those stored now; the others were stored before, or
     *         repeat an earlier reading of the same list
     */
    BitSet store(List<Reading> readings);

    Optional<StoredReading> latest(String collarId);
}
