package io.petty.domain.pets;

/** The collars Petty knows. */
public interface CollarRepository {

    boolean exists(String collarId);
}
