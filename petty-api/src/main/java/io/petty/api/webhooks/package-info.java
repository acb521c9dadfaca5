/**
 * The owner's webhook endpoints ({@code /v1/me/webhooks}) and the sending of the outbox's deliveries to them, signed,
 * through an HTTP client that connects to public addresses only.
 */
package io.petty.api.webhooks;
