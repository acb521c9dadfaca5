package io.petty.api.webhooks;

import io.petty.domain.webhooks.WebhookDraft;

import java.util.List;

/**
 * {@code {"url","kinds"?,"quiet_hours"?:{"from","until"}}}: an endpoint as the owner registers it.
 *
 * @param kinds the alert kinds it is sent; absent or empty for every kind
 */
public record WebhookRequest(String url, List<String> kinds, QuietHoursDocument quietHours) {

    /** {@code HH:MM} in the pet's time zone; over midnight when from is later than until. */
    public record QuietHoursDocument(String from, String until) {
    }

    WebhookDraft draft() {
        return new WebhookDraft(url, kinds, quietHours == null ? null : quietHours.from(),
                quietHours == null ? null : quietHours.until());
    }
}
