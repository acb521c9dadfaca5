package io.petty.api.behavior;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.domain.feedback.FeedbackRequest;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a feedback body with JSON-P rather than binding it, so that every value of the wrong JSON type is named in
 * a 422 instead of failing the whole body. Unknown fields are ignored, as everywhere in the API.
 */
final class FeedbackDocument {

    /** Made once: {@code Json.create…} looks the provider up on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private FeedbackDocument() {
    }

    static FeedbackRequest read(byte[] body) {
        JsonObject json = object(body);
        List<FieldViolation> violations = new ArrayList<>();
        FeedbackRequest request = new FeedbackRequest(text(json, "event_id", violations),
                text(json, "user_feedback", violations), text(json, "corrected_behavior", violations),
                text(json, "note", violations), segment(json), text(json, "timestamp", violations));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return request;
    }

    private static JsonObject object(byte[] body) {
        JsonStructure parsed;
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(body))) {
            parsed = reader.read();
        } catch (JsonException | IllegalStateException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body is not valid JSON.");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object.");
        }
        return object;
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
