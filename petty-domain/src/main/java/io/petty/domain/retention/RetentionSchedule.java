package io.petty.domain.retention;

import io.petty.domain.jobs.Jobs;
import io.petty.domain.jobs.NightlyJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

/** The retention job, daily at {@code petty.jobs.retention.at} (UTC, 03:00 unless configured). */
@ApplicationScoped
public class RetentionSchedule implements NightlyJob {

    private final LocalTime at;

    @Inject
    public RetentionSchedule(@ConfigProperty(name = "petty.jobs.retention.at", defaultValue = "03:00") String at) {
        this.at = NightlyJob.time("petty.jobs.retention.at", at);
    }

    /** For CDI proxies; never called to build a working instance. */
    protected RetentionSchedule() {
        this.at = null;
    }

    @Override
    public String job() {
        return Jobs.RETENTION;
    }

    @Override
    public LocalTime at() {
        return at;
    }

    @Override
    public Map<String, String> parameters(LocalDate day) {
        return Map.of("day", day.toString());
    }
}
