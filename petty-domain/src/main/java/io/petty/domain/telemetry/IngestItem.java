package io.petty.domain.telemetry;

import io.petty.domain.validation.FieldViolation;

import java.util.List;
import java.util.function.Supplier;

/**
 * One reading as it arrived: its values, what was already wrong with their JSON types (a field that is not
 * even a number never reaches the rules), and its JSON text, rendered only if the reading is refused.
 */
public record IngestItem(ReadingInput input, List<FieldViolation> formatErrors, Supplier<String> source) {

    public IngestItem {
        formatErrors = List.copyOf(formatErrors);
    }
}
