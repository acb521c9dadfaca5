package io.petty.api.behavior;

import io.petty.api.http.JsonInput;
import io.petty.domain.feedback.FeedbackRequest;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a feedback body with JSON-P rather than binding it, so that every value of the wrong JSON type is named in
 * a 422 instead of failing the whole body. Unknown fields are ignored, as everywhere in the API.
 */
final class FeedbackDocument {

    private FeedbackDocument() {
    }

    static FeedbackRequest read(byte[] body) {
        JsonObject json = JsonInput.object(body);
        List<FieldViolation> violations = new ArrayList<>();
        FeedbackRequest request = new FeedbackRequest(text(json, "event_id", violations),
                text(json, "user_feedback", violations), text(json, "corrected_behavior", violations),
                text(json, "note", violations), segment(json), text(json, "timestamp", violations));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return request;
    }

    private static String text(JsonObject json, String field, List<FieldViolation> violations) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        violations.add(new FieldViolation(field, "must be a string"));
        return null;
    }

    /** Any JSON the app attaches, kept as its text. */
    private static String segment(JsonObject json) {
        JsonValue value = json.get("segment");
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value.toString();
    }
}
