package io.petty.domain.telemetry;

import java.time.LocalDate;
import java.util.List;

/** The daily partitions readings are stored in, made before the days they hold begin. */
public interface ReadingPartitions {

    /** Ensures the partitions of {@code today} (UTC) and of the next {@code daysAhead} days. */
    void ensureAhead(LocalDate today, int daysAhead);

    /**
     * Drops the partitions of the days before {@code firstKept}, each detached without blocking ingest first.
     *
     * @return the days dropped, oldest first
     */
    List<LocalDate> dropBefore(LocalDate firstKept);
}
