package io.petty.domain.telemetry;

import java.time.LocalDate;

/** The daily partitions readings are stored in, made before the days they hold begin. */
public interface ReadingPartitions {

    /** Ensures the partitions of {@code today} (UTC) and of the next {@code daysAhead} days. */
    void ensureAhead(LocalDate today, int daysAhead);
}
