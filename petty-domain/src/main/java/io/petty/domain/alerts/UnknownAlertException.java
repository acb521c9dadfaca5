package io.petty.domain.alerts;

/** No such alert on the caller's pets: whether it exists for someone else is not said. */
public class UnknownAlertException extends RuntimeException {

    public UnknownAlertException() {
        super("alert not found");
    }
}
