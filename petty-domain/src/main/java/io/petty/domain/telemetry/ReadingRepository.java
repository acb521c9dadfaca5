package io.petty.domain.telemetry;

import java.util.List;
import java.util.Optional;

/** Where readings are kept. Implementations commit before they return: a returned outcome is durable. */
public interface ReadingRepository {

    /** Stores the readings not stored before, in one transaction, and keeps each collar's latest current. */
    IngestOutcome store(List<Reading> readings);

    Optional<StoredReading> latest(String collarId);
}
