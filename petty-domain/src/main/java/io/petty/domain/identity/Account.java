package io.petty.domain.identity;

import java.util.Objects;
import java.util.UUID;

/** An authenticated or newly created account: who it is and what it may do. */
public record Account(UUID id, Role role) {

    public Account {
        Objects.requireNonNull(id, "id is required.");
        Objects.requireNonNull(role, "role is required.");
    }
}
