package io.petty.domain.pets;

import io.petty.domain.identity.TokenService;
import io.petty.domain.telemetry.ReadingRules;
import io.petty.domain.telemetry.UnknownCollarException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** An owner's pets and the collars they wear. Every method is scoped to the calling owner. */
@Dependent
public class PetService {

    /** A collar paired now, with its device secret: shown this once, stored only as a hash. */
    public record Pairing(String collarId, UUID petId, String secret) {
        @Override
        public String toString() {
            return "Pairing[" + collarId + ", " + petId + ", redacted]";
        }
    }

    private final PetRepository pets;
    private final CollarPairings pairings;
    private final Clock clock;

    @Inject
    public PetService(PetRepository pets, CollarPairings pairings, Clock clock) {
        this.pets = pets;
        this.pairings = pairings;
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

    public Pet get(UUID ownerId, UUID petId) {
        return pets.find(petId, ownerId).orElseThrow(PetNotFoundException::new);
    }

    public Pet update(UUID ownerId, UUID petId, PetDraft changes) {
        Pet updated = PetRules.apply(changes, get(ownerId, petId), petId, ownerId, clock);
        pets.update(updated);
        return updated;
    }

    public void delete(UUID ownerId, UUID petId) {
        if (!pets.delete(petId, ownerId)) {
            throw new PetNotFoundException();
        }
        // Its collars were unpaired with it; every server hears of each, this one knows at once.
        pairings.changedAll();
    }

    /** @throws CollarAlreadyPairedException when another pet wears the collar */
    public Pairing pair(UUID ownerId, String collarId, UUID petId) {
        String collar = ReadingRules.requireCollarId(collarId, "collar_id");
        get(ownerId, petId);
        String secret = TokenService.newDeviceSecret();
        if (!pets.pairCollar(collar, petId, TokenService.hash(secret))) {
            throw new CollarAlreadyPairedException(collar);
        }
        pairings.changed(collar);
        return new Pairing(collar, petId, secret);
    }

    public void unpair(UUID ownerId, String collarId) {
        if (!pets.unpairCollar(collarId, ownerId)) {
            throw new UnknownCollarException(collarId);
        }
        pairings.changed(collarId);
    }
}
