package io.petty.domain.collars;

/** The collar is worn by a pet of another owner, or another pet of this one; unpair it first. */
public class CollarAlreadyPairedException extends RuntimeException {

    public CollarAlreadyPairedException(String collarId) {
        super("collar " + collarId + " is paired with another pet");
    }
}
