package io.petty.domain.collars;

import io.petty.domain.collars.internal.JdbcCollarRepository;
import io.petty.domain.pets.PetNotFoundException;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The collars Petty knows, which pet wears each, and who wore it before. */
public interface CollarRepository {

    /** The PostgreSQL repository, for callers outside the container (the CLI); the server injects it. */
    static CollarRepository using(DataSource dataSource) {
        return new JdbcCollarRepository(dataSource);
    }

    /** A collar made at the factory: its serial and the hashes of its device secret and claim code. */
    record NewCollar(String serial, byte[] secretHash, byte[] claimCodeHash) {
    }

    /** Stores new collars, unpaired. @return the serials stored: one that exists already is not */
    Set<String> provision(List<NewCollar> collars);

    /** The collar's current pairing; empty when it is unknown or unpaired. */
    Optional<Pairing> current(String collarId);

    /**
     * Pairs the collar with one of the owner's pets, when the claim code is the collar's. Pairing it again with the
     * pet that wears it changes nothing.
     *
     * @return the pairing; empty when another pet wears the collar
     * @throws PetNotFoundException when the owner has no such pet
     * @throws UnknownCollarException when no collar has this serial and claim code (which of the two is wrong is
     *                                not said)
     */
    Optional<Pairing> pair(String collarId, byte[] claimCodeHash, UUID petId, UUID ownerId);

    /** Unpairs one of the owner's collars, which invalidates its credential. @return whether there was one */
    boolean unpair(String collarId, UUID ownerId);

    /** The collar the pet wears now (the one paired last, should it wear several); empty when none. */
    Optional<String> wornBy(UUID petId);

    /** The pairing windows of the collar that overlap {@code [from, to)}, oldest first. */
    List<PairingWindow> windows(String collarId, Instant from, Instant to);
}
