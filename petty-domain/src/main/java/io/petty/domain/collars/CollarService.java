package io.petty.domain.collars;

import io.petty.domain.identity.TokenService;
import io.petty.domain.pets.PetNotFoundException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.util.UUID;

/** Pairing an owner's collars with their pets. Every method is scoped to the calling owner. */
@Dependent
public class CollarService {

    /** A collar paired now, with its device secret: shown this once, stored only as a hash. */
    public record NewPairing(String collarId, UUID petId, String secret) {
        @Override
        public String toString() {
            return "NewPairing[" + collarId + ", " + petId + ", redacted]";
        }
    }

    private final CollarRepository collars;
    private final CollarPairings pairings;

    @Inject
    public CollarService(CollarRepository collars, CollarPairings pairings) {
        this.collars = collars;
        this.pairings = pairings;
    }

    /**
     * @throws CollarAlreadyPairedException when another pet wears the collar
     * @throws PetNotFoundException when the owner has no such pet
     */
    public NewPairing pair(UUID ownerId, String collarId, UUID petId) {
        String collar = CollarIds.require(collarId, "collar_id");
        String secret = TokenService.newDeviceSecret();
        collars.pair(collar, petId, ownerId, TokenService.hash(secret))
                .orElseThrow(() -> new CollarAlreadyPairedException(collar));
        pairings.changed(collar);
        return new NewPairing(collar, petId, secret);
    }

    /** @throws UnknownCollarException when the owner has no such collar */
    public void unpair(UUID ownerId, String collarId) {
        if (!collars.unpair(collarId, ownerId)) {
            throw new UnknownCollarException(collarId);
        }
        pairings.changed(collarId);
    }
}
