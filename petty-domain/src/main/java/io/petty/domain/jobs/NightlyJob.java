package io.petty.domain.jobs;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A job started once a day at a UTC time of day by {@link NightlyJobs}. The feature that owns the job provides it as a
 * bean, with its time from its own configuration.
 */
public interface NightlyJob {

    /** The job's name: its XML in META-INF/batch-jobs. */
    String job();

    /** The UTC time of day from which the day's run is due. */
    LocalTime at();

    /** What the run of {@code day} (UTC) is started with. */
    Map<String, String> parameters(LocalDate day);

    /** A configured time of day. @throws IllegalArgumentException naming the property when it is not one */
    static LocalTime time(String property, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(property + " must be a UTC time of day such as 03:00, not " + value, e);
        }
    }
}
