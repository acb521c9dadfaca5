package io.petty.domain.telemetry;

import io.petty.domain.validation.FieldViolation;

import java.util.List;

/** What became of each reading of a batch, in the order they were sent. */
public record BatchOutcome(List<Item> items) {

    public enum Status { STORED, DUPLICATE, REJECTED }

    /** @param errors why it was rejected; empty otherwise */
    public record Item(int index, Status status, List<FieldViolation> errors) {
    }

    public BatchOutcome {
        items = List.copyOf(items);
    }

    public long count(Status status) {
        return items.stream().filter(item -> item.status() == status).count();
    }
}
