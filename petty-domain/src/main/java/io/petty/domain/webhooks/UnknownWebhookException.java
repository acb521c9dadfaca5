package io.petty.domain.webhooks;

/** No such endpoint of the caller's: it does not exist, or it is another owner's. */
public class UnknownWebhookException extends RuntimeException {

    public UnknownWebhookException() {
        super("webhook not found");
    }
}
