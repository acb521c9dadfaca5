package io.petty.domain.pets;

import java.util.UUID;

/** Fired (CDI, synchronously) after a pet and what belongs to it were deleted. */
public record PetDeleted(UUID petId) {
}
