package io.petty.api.compliance;

/** {@code {"subject_email" | "subject_id", "reason"}}: whose data a compliance officer exports, and why. */
public record ExportRequestBody(String subjectEmail, String subjectId, String reason) {
}
