package io.petty.api.compliance;

/** {@code {"subject_email" | "subject_id", "reason"}}: whose data a compliance officer erases, and why. */
public record ErasureRequestBody(String subjectEmail, String subjectId, String reason) {
}
