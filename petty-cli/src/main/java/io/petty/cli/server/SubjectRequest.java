package io.petty.cli.server;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.UUID;

/** A data subject named by account e-mail or id, and the reason asked for, as the compliance API takes them. */
final class SubjectRequest {

    private SubjectRequest() {
    }

    static JsonObject of(String subject, String reason) {
        return Json.createObjectBuilder().add(isAccountId(subject) ? "subject_id" : "subject_email", subject)
                .add("reason", reason).build();
    }

    private static boolean isAccountId(String subject) {
        try {
            UUID.fromString(subject);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
