package io.petty.domain.retention;

import java.time.LocalDate;
import java.util.List;

/** What one retention run removed. */
public record RetentionReport(List<LocalDate> readingDays, int deadLetters, int idempotencyKeys, int liveEvents,
                              int webhookDeliveries, int exportArchives) {

    public RetentionReport {
        readingDays = List.copyOf(readingDays);
    }

    /** One line for the job's exit status and the log: counts only, nothing personal. */
    public String summary() {
        return "reading_partitions=" + readingDays.size() + " dead_letters=" + deadLetters + " idempotency_keys="
                + idempotencyKeys + " live_events=" + liveEvents + " webhook_deliveries=" + webhookDeliveries
                + " export_archives=" + exportArchives;
    }
}
