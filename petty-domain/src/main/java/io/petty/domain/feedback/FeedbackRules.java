package io.petty.domain.feedback;

import io.petty.domain.behavior.Verdict;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What feedback may say. The note is measured before redaction, as the owner wrote it. */
public final class FeedbackRules {

    public static final int MAX_NOTE_CHARACTERS = 1000;
    public static final int MAX_SEGMENT_BYTES = 64 * 1024;

    /** Feedback that passed every rule. */
    public record Checked(UUID eventId, Verdict verdict, String correctedBehavior, String note, String segmentJson,
                          Instant observedAt) {
    }

    private FeedbackRules() {
    }

    /**
     * @param behaviors what a corrected behavior may be
     * @throws InvalidInputException naming every field that breaks a rule
     */
    public static Checked check(FeedbackRequest request, Set<String> behaviors) {
        List<FieldViolation> violations = new ArrayList<>();
        UUID eventId = eventId(request.eventId(), violations);
        Verdict verdict = null;
        String note = request.note();
        String given = request.userFeedback();
        if (given == null || given.isBlank()) {
            violations.add(new FieldViolation("user_feedback", "is required: \"correct\", \"incorrect\" or a note"));
        } else if (Verdict.ofCode(given).isPresent()) {
            verdict = Verdict.ofCode(given).orElseThrow();
        } else if (note != null) {
            violations.add(new FieldViolation("note", "give the note in user_feedback or in note, not in both"));
        } else {
            // The original app sends the owner's words as user_feedback.
            note = given;
            checkLength("user_feedback", note, violations);
        }
        if (request.note() != null) {
            checkLength("note", request.note(), violations);
        }
        String corrected = request.correctedBehavior();
        if (corrected != null && verdict != Verdict.INCORRECT) {
            violations.add(new FieldViolation("corrected_behavior", "goes only with user_feedback \"incorrect\""));
        } else if (corrected != null && !behaviors.contains(corrected)) {
            violations.add(new FieldViolation("corrected_behavior", "must be one of " + String.join(", ", behaviors)));
        }
        String segment = request.segmentJson();
        if (segment != null && segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            violations.add(new FieldViolation("segment", "must be at most 64 KB of JSON"));
        }
        Instant observedAt = observedAt(request.timestamp(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Checked(eventId, verdict, corrected, note, segment, observedAt);
    }

    private static UUID eventId(String value, List<FieldViolation> violations) {
        if (value == null) {
            violations.add(new FieldViolation("event_id", "is required"));
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation("event_id", "must be the event_id of an event on the timeline"));
            return null;
        }
    }

    private static void checkLength(String field, String text, List<FieldViolation> violations) {
        if (text.codePointCount(0, text.length()) > MAX_NOTE_CHARACTERS) {
            violations.add(new FieldViolation(field, "must be at most " + MAX_NOTE_CHARACTERS + " characters"));
        }
    }

    private static Instant observedAt(String value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation("timestamp", "must be an ISO-8601 date-time such as 2026-11-25T10:15:00Z"));
            return null;
        }
    }
}
