package io.petty.domain.collars;

import io.petty.domain.pets.PetNotFoundException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The collars Petty knows, which pet wears each, and who wore it before. */
public interface CollarRepository {

    /** The collar's current pairing; empty when it is unknown or unpaired. */
    Optional<Pairing> current(String collarId);

    /**
     * Pairs the collar with one of the owner's pets and replaces its device credential. Pairing it again with the
     * pet that wears it only issues a new credential: the pet keeps its readings.
     *
     * @return the pairing; empty when another pet wears the collar
     * @throws PetNotFoundException when the owner has no such pet
     */
    Optional<Pairing> pair(String collarId, UUID petId, UUID ownerId, byte[] secretHash);

    /** Unpairs one of the owner's collars, which invalidates its credential. @return whether there was one */
    boolean unpair(String collarId, UUID ownerId);

    /** The collar the pet wears now (the one paired last, should it wear several); empty when none. */
    Optional<String> wornBy(UUID petId);

    /** The pairing windows of the collar that overlap {@code [from, to)}, oldest first. */
    List<PairingWindow> windows(String collarId, Instant from, Instant to);
}
