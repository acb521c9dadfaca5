package io.petty.domain.behavior;

import io.petty.domain.jobs.Jobs;
import io.petty.domain.jobs.NightlyJob;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs of the {@code nightly-reanalysis} job ({@link Reanalysis}): every night at {@code petty.jobs.reanalysis.at}
 * over the last two days, and when an admin asks, over a range of days (a new model activated, a detector fixed).
 * A run is split into {@code petty.reanalysis.partitions} collar ranges, analysed a chunk of
 * {@code petty.reanalysis.units-per-chunk} units per transaction; both are fixed in the run's parameters when it
 * starts, so that a restart splits and checkpoints the run as it did.
 */
@ApplicationScoped
public class Reanalyses implements NightlyJob {

    /** The most days one run covers: the readings kept (compliance/retention.md), with a day either side. */
    public static final int MAX_DAYS = 92;
    /** The furthest ahead of UTC a pet's local day can be. */
    private static final ZoneOffset EASTMOST = ZoneOffset.ofHours(14);

    private final Jobs jobs;
    private final Clock clock;
    private final LocalTime at;
    private final int partitions;
    private final int unitsPerChunk;

    @Inject
    public Reanalyses(Jobs jobs, Clock clock,
                      @ConfigProperty(name = "petty.jobs.reanalysis.at", defaultValue = "02:00") String at,
                      @ConfigProperty(name = "petty.reanalysis.partitions", defaultValue = "4") int partitions,
                      @ConfigProperty(name = "petty.reanalysis.units-per-chunk", defaultValue = "10")
                      int unitsPerChunk) {
        this.jobs = jobs;
        this.clock = clock;
        this.at = NightlyJob.time("petty.jobs.reanalysis.at", at);
        this.partitions = partitions;
        this.unitsPerChunk = unitsPerChunk;
        if (partitions < 1 || partitions > 64 || unitsPerChunk < 1 || unitsPerChunk > 1000) {
            throw new IllegalArgumentException("petty.reanalysis.partitions must be 1 to 64 and"
                    + " petty.reanalysis.units-per-chunk 1 to 1000");
        }
    }

    /** For CDI proxies; never called to build a working instance. */
    protected Reanalyses() {
        this.jobs = null;
        this.clock = null;
        this.at = null;
        this.partitions = 0;
        this.unitsPerChunk = 0;
    }

    @Override
    public String job() {
        return Jobs.REANALYSIS;
    }

    @Override
    public LocalTime at() {
        return at;
    }

    /**
     * The last two local days: at 02:00 UTC yesterday is over only for pets east of UTC-2, the day before for all; a
     * unit not over is left to the next night.
     */
    @Override
    public Map<String, String> parameters(LocalDate day) {
        return parameters(day.minusDays(2), day.minusDays(1));
    }

    private Map<String, String> parameters(LocalDate from, LocalDate to) {
        return Map.of("from", from.toString(), "to", to.toString(), "partitions", Integer.toString(partitions),
                "units_per_chunk", Integer.toString(unitsPerChunk));
    }

    /**
     * Starts a run over the pets' local days {@code from} to {@code to}, inclusive.
     *
     * @return the run's execution id
     * @throws InvalidInputException naming the field: not a date, {@code to} before {@code from} or in the future,
     *                               more than {@link #MAX_DAYS} days
     */
    public long start(String from, String to, UUID actor) {
        List<FieldViolation> violations = new ArrayList<>();
        LocalDate first = date("from", from, violations);
        LocalDate last = date("to", to, violations);
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                violations.add(new FieldViolation("to", "must not be before from"));
            } else if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
                violations.add(new FieldViolation("to", "is at most " + MAX_DAYS + " days from from, inclusive"));
            }
            if (last.isAfter(LocalDate.now(clock.withZone(EASTMOST)))) {
                violations.add(new FieldViolation("to", "must not be a day that has not begun anywhere"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return jobs.start(Jobs.REANALYSIS, parameters(first, last), actor.toString());
    }

    private static LocalDate date(String field, String value, List<FieldViolation> violations) {
        if (value == null) {
            violations.add(new FieldViolation(field, "is required: a date such as 2026-12-01"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "must be a date such as 2026-12-01"));
            return null;
        }
    }
}
