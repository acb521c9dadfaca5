package io.petty.domain.webhooks;

/** An endpoint just registered, with its secret: shown this once, never again. */
public record RegisteredWebhook(WebhookEndpoint endpoint, String secret) {
}
