package io.petty.domain.feedback;

/** No such event on the caller's pets' timelines: whether it exists for someone else is not said. */
public class UnknownEventException extends RuntimeException {

    public UnknownEventException() {
        super("event not found");
    }
}
