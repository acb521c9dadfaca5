package io.petty.domain.pets;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Pets, always reached through their owner: another owner's pet is simply not found. */
public interface PetRepository {

    void insert(Pet pet);

    void update(Pet pet);

    List<Pet> listByOwner(UUID ownerId);

    Optional<Pet> find(UUID id, UUID ownerId);

    /** Deletes the pet; the schema unpairs its collars. @return whether the owner had such a pet */
    boolean delete(UUID id, UUID ownerId);
}
