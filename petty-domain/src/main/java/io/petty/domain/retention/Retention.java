package io.petty.domain.retention;

import io.petty.domain.idempotency.IdempotencyStore;
import io.petty.domain.live.LiveLog;
import io.petty.domain.privacy.Exports;
import io.petty.domain.telemetry.DeadLetterRepository;
import io.petty.domain.telemetry.ReadingPartitions;
import io.petty.domain.telemetry.ReadingRules;
import io.petty.domain.webhooks.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The retention schedule (compliance/retention.md), applied by the daily {@code retention} job: readings are kept
 * {@code petty.retention.reading-days} whole UTC days (default 90) and dropped a day's partition at a time; dead
 * letters 14 days, idempotency keys a day, live events and finished webhook deliveries 7 days, export archives until
 * they expire (7 days after they were written); each deleted by the first run after. Each step is idempotent: a run
 * that failed half way is simply run again. Login attempts and rate buckets live minutes, not days:
 * {@code AbuseStateExpiry} removes them.
 */
@ApplicationScoped
public class Retention {

    /** A late reading is accepted up to 30 days back: keeping fewer days would re-create a dropped partition. */
    public static final int MIN_READING_DAYS = (int) ReadingRules.MAX_AGE.toDays() + 1;

    private final ReadingPartitions partitions;
    private final DeadLetterRepository deadLetters;
    private final IdempotencyStore idempotency;
    private final LiveLog liveLog;
    private final WebhookOutbox webhooks;
    private final Exports exports;
    private final int readingDays;

    @Inject
    public Retention(ReadingPartitions partitions, DeadLetterRepository deadLetters, IdempotencyStore idempotency,
                     LiveLog liveLog, WebhookOutbox webhooks, Exports exports,
                     @ConfigProperty(name = "petty.retention.reading-days", defaultValue = "90") int readingDays) {
        if (readingDays < MIN_READING_DAYS) {
            throw new IllegalArgumentException("petty.retention.reading-days must be at least " + MIN_READING_DAYS
                    + " (late readings are accepted for 30 days), not " + readingDays);
        }
        this.partitions = partitions;
        this.deadLetters = deadLetters;
        this.idempotency = idempotency;
        this.liveLog = liveLog;
        this.webhooks = webhooks;
        this.exports = exports;
        this.readingDays = readingDays;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected Retention() {
        this.partitions = null;
        this.deadLetters = null;
        this.idempotency = null;
        this.liveLog = null;
        this.webhooks = null;
        this.exports = null;
        this.readingDays = 0;
    }

    /** The first UTC day whose readings are kept on {@code today}: the days before it are dropped. */
    public LocalDate firstReadingDayKept(LocalDate today) {
        return today.minusDays(readingDays - 1L);
    }

    public RetentionReport apply(Instant now) {
        List<LocalDate> dropped = partitions.dropBefore(firstReadingDayKept(LocalDate.ofInstant(now, ZoneOffset.UTC)));
        return new RetentionReport(dropped,
                deadLetters.purgeReceivedBefore(now.minus(DeadLetterRepository.RETENTION)),
                idempotency.purgeCreatedBefore(now.minus(IdempotencyStore.RETENTION)),
                liveLog.forgetBefore(now.minus(LiveLog.RETENTION)),
                webhooks.forgetBefore(now.minus(WebhookOutbox.RETENTION)),
                exports.forgetExpired(now));
    }
}
