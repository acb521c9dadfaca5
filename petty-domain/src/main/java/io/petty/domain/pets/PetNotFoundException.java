package io.petty.domain.pets;

/** No such pet among the caller's: whether it exists for someone else is not said. */
public class PetNotFoundException extends RuntimeException {

    public PetNotFoundException() {
        super("pet not found");
    }
}
