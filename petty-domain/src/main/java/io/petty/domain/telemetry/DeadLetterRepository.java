package io.petty.domain.telemetry;

import io.petty.domain.telemetry.internal.JdbcDeadLetterRepository;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The refused readings, newest first. They are written with the readings of the same request. */
public interface DeadLetterRepository {

    /** How long refused readings are kept. */
    Duration RETENTION = Duration.ofDays(14);

    /** The PostgreSQL repository, for callers outside the container (the CLI); the server injects it. */
    static DeadLetterRepository using(DataSource dataSource) {
        return new JdbcDeadLetterRepository(dataSource);
    }

    /**
     * @param collarId only this collar's, or every collar's when {@code null}
     * @param beforeId only those older than this one (the last id of the previous page), or from the newest
     * @param limit    at most this many
     */
    List<DeadLetter> list(String collarId, Long beforeId, int limit);

    /** @return how many refused before {@code cutoff} were deleted */
    int purgeReceivedBefore(Instant cutoff);
}
