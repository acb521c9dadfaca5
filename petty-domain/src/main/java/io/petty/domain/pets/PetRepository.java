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

    /** Deletes the pet; its collars are unpaired. @return whether the owner had such a pet */
    boolean delete(UUID id, UUID ownerId);

    /** Pairs a collar with a pet, replacing its device credential. @return false when another pet wears it */
    boolean pairCollar(String collarId, UUID petId, byte[] secretHash);

    /** Unpairs one of the owner's collars and invalidates its credential. @return whether there was one */
    boolean unpairCollar(String collarId, UUID ownerId);
}
