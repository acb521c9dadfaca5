package io.petty.api.compliance;

import java.util.UUID;

/** {@code {"subject_email" | "subject_id", "reason"}}: whose data a compliance officer exports, and why. */
public record ExportRequestBody(String subjectEmail, UUID subjectId, String reason) {
}
