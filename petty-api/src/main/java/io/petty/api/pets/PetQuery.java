package io.petty.api.pets;

import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;

import java.util.List;
import java.util.UUID;

/**
 * Which pet a read is about: by the collar it wears ({@code collar_id}) or by its id ({@code pet_id}), exactly one.
 *
 * @param petId null when the collar says which pet
 */
public record PetQuery(String collarId, UUID petId) {

    /** @throws InvalidInputException when neither or both are given */
    public static PetQuery of(String collarId, String petId) {
        if ((collarId == null) == (petId == null)) {
            throw new InvalidInputException(List.of(new FieldViolation(collarId == null ? "collar_id" : "pet_id",
                    "give the collar_id or the pet_id of the pet, one of them")));
        }
        return new PetQuery(collarId, petId == null ? null : PetsResource.petId(petId));
    }

    public boolean byCollar() {
        return collarId != null;
    }
}
