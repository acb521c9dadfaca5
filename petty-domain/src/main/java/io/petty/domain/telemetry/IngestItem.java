package io.petty.domain.telemetry;

import io.petty.domain.validation.FieldViolation;

import java.util.List;

/**
 * One reading of a batch as it arrived: its values, and what was already wrong with their JSON types
 * (a field that is not even a number never reaches the rules).
 */
public record IngestItem(ReadingInput input, List<FieldViolation> formatErrors) {

    public IngestItem {
        formatErrors = List.copyOf(formatErrors);
    }
}
