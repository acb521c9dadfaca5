package io.petty.domain.behavior.internal;

import io.petty.domain.live.LiveLog;
import io.petty.domain.live.LiveNews;
import io.petty.domain.webhooks.WebhookOutbox;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.util.List;

/** Where what a pass found goes, in its transaction: the pets' live logs, and their owners' webhook outboxes. */
@Dependent
public class Announcements {

    private final LiveLog liveLog;
    private final WebhookOutbox webhooks;

    @Inject
    public Announcements(LiveLog liveLog, WebhookOutbox webhooks) {
        this.liveLog = liveLog;
        this.webhooks = webhooks;
    }

    void publish(List<LiveNews> news) {
        liveLog.append(news);
        webhooks.enqueue(news);
    }
}
