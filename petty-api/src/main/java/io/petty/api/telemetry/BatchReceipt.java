package io.petty.api.telemetry;

import io.petty.domain.telemetry.BatchOutcome;
import io.petty.domain.validation.FieldViolation;

import java.util.List;
import java.util.Locale;

/** The answer to a batch: totals, and what became of each reading in the order they were sent. */
public record BatchReceipt(long stored, long duplicates, long rejected, String requestId, List<Result> results) {

    /** {@code errors} is left out when empty. */
    public record Result(int index, String status, List<FieldViolation> errors) {
    }

    public static BatchReceipt of(BatchOutcome outcome, String requestId) {
        List<Result> results = outcome.items().stream()
                .map(item -> new Result(item.index(), item.status().name().toLowerCase(Locale.ROOT),
                        item.errors().isEmpty() ? null : item.errors()))
                .toList();
        return new BatchReceipt(outcome.count(BatchOutcome.Status.STORED), outcome.count(BatchOutcome.Status.DUPLICATE),
                outcome.count(BatchOutcome.Status.REJECTED), requestId, results);
    }
}
