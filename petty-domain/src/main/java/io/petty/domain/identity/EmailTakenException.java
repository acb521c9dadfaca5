package io.petty.domain.identity;

/** An account with this email exists already. */
public class EmailTakenException extends RuntimeException {

    public EmailTakenException() {
        super("an account with this email exists");
    }
}
