package io.petty.domain.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The stored alert episodes. */
public interface Alerts {

    /**
     * Stores what a pet's rules reported, in order: an opening adds its episode unless it is stored or one of that
     * kind is open (the same readings evaluated again), a resolution closes the pet's open episode of that kind.
     *
     * @return the episodes it added or resolved, each as that change left it, in order
     */
    List<Alert> apply(UUID petId, String collarId, List<AlertChange> changes);

    Optional<Alert> find(UUID alertId);

    /** The pet's episodes, newest first; {@code state} null for all of them. */
    List<Alert> ofPet(UUID petId, AlertState state);

    /** The pet's episodes not resolved yet, newest first. */
    List<Alert> unresolvedOfPet(UUID petId);

    /** The pet's episodes open at any time in {@code [from, to)}, by opening time. */
    List<Alert> ofPetDuring(UUID petId, Instant from, Instant to);

    /**
     * Marks the episode acknowledged, once: a second acknowledgement keeps the first time.
     *
     * @return the episode as it is now; empty when there is none
     */
    Optional<Alert> acknowledge(UUID alertId, Instant now);
}
