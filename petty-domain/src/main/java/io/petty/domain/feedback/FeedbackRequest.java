package io.petty.domain.feedback;

/**
 * Feedback as the app sent it, unchecked: {@code userFeedback} is {@code correct} or {@code incorrect}, or, from
 * the original app, the note itself.
 *
 * @param segmentJson the attached segment serialised as JSON text, or null
 * @param timestamp   ISO-8601, when it happened or was seen
 */
public record FeedbackRequest(String eventId, String userFeedback, String correctedBehavior, String note,
                              String segmentJson, String timestamp) {
}
