package io.petty.domain.secrets;

import java.time.Instant;

/** What may be shown about a secret: never its value. */
public record SecretInfo(String name, int version, String stage, Instant createdAt) {
}
