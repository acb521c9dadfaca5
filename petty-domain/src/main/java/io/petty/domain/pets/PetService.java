package io.petty.domain.pets;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** An owner's pets. Every method is scoped to the calling owner. */
@Dependent
public class PetService {

    private final PetRepository pets;
    private final Event<PetDeleted> deletions;
    private final Clock clock;

    @Inject
    public PetService(PetRepository pets, Event<PetDeleted> deletions, Clock clock) {
        this.pets = pets;
        this.deletions = deletions;
        this.clock = clock;
    }

    public Pet create(UUID ownerId, PetDraft draft) {
        Pet pet = PetRules.apply(draft, null, UUID.randomUUID(), ownerId, clock);
        pets.insert(pet);
        return pet;
    }

    public List<Pet> list(UUID ownerId) {
        return pets.listByOwner(ownerId);
    }

    /** @throws PetNotFoundException when the owner has no such pet */
    public Pet get(UUID ownerId, UUID petId) {
        return pets.find(petId, ownerId).orElseThrow(PetNotFoundException::new);
    }

    public Pet update(UUID ownerId, UUID petId, PetDraft changes) {
        Pet updated = PetRules.apply(changes, get(ownerId, petId), petId, ownerId, clock);
        pets.update(updated);
        return updated;
    }

    /** Deletes the pet; the collars it wore are unpaired with it. */
    public void delete(UUID ownerId, UUID petId) {
        if (!pets.delete(petId, ownerId)) {
            throw new PetNotFoundException();
        }
        deletions.fire(new PetDeleted(petId));
    }
}
