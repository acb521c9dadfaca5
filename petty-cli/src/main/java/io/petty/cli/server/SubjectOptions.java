package io.petty.cli.server;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import picocli.CommandLine.Option;

import java.util.UUID;

/** {@code --subject} and {@code --reason}: whom a compliance request is about and why, as the API takes them. */
public class SubjectOptions {

    @Option(names = "--subject", required = true, description = "The subject's account e-mail or account id.")
    String subject;
    @Option(names = "--reason", required = true, description = "Why it is asked (audited), e.g. a ticket number.")
    String reason;

    /** The request's body: {@code subject_id} for an account id, else {@code subject_email}. */
    JsonObject body() {
        return Json.createObjectBuilder().add(isAccountId() ? "subject_id" : "subject_email", subject)
                .add("reason", reason).build();
    }

    private boolean isAccountId() {
        try {
            UUID.fromString(subject);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
