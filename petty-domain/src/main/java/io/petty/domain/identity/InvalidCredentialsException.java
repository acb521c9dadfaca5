package io.petty.domain.identity;

/** Wrong email or password, or an unusable token: deliberately says no more than that. */
public class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException() {
        super("invalid credentials");
    }
}
