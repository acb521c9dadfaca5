package io.petty.domain.collars;

import io.petty.domain.pets.PetNotFoundException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.util.UUID;

/** Pairing an owner's collars with their pets. Every method is scoped to the calling owner. */
@Dependent
public class CollarService {

    private final CollarRepository collars;
    private final CollarPairings pairings;

    @Inject
    public CollarService(CollarRepository collars, CollarPairings pairings) {
        this.collars = collars;
        this.pairings = pairings;
    }

    /**
     * Puts a collar on one of the owner's pets. The claim code printed on the collar proves the owner holds it; the
     * collar's device secret, written into it at the factory, stays as it is.
     *
     * @throws UnknownCollarException when no collar has this serial and claim code
     * @throws CollarAlreadyPairedException when another pet wears the collar
     * @throws PetNotFoundException when the owner has no such pet
     * @throws io.petty.domain.validation.InvalidInputException when the serial or claim code is malformed
     */
    public Pairing pair(UUID ownerId, String collarId, String claimCode, UUID petId) {
        String collar = CollarIds.require(collarId, "collar_id");
        Pairing pairing = collars.pair(collar, ClaimCodes.hash(claimCode, "claim_code"), petId, ownerId)
                .orElseThrow(() -> new CollarAlreadyPairedException(collar));
        pairings.changed(collar);
        return pairing;
    }

    /** @throws UnknownCollarException when the owner has no such collar */
    public void unpair(UUID ownerId, String collarId) {
        if (!collars.unpair(collarId, ownerId)) {
            throw new UnknownCollarException(collarId);
        }
        pairings.changed(collarId);
    }
}
