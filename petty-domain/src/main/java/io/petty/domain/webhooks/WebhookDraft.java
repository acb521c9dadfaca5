package io.petty.domain.webhooks;

import java.util.List;

/**
 * An endpoint as the owner asks for it.
 *
 * @param kinds      alert kinds by wire name; null or empty for every kind
 * @param quietFrom  {@code HH:MM}; with {@code quietUntil}, or neither
 */
public record WebhookDraft(String url, List<String> kinds, String quietFrom, String quietUntil) {
}
