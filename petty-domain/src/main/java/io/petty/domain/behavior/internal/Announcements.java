package io.petty.domain.behavior.internal;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.live.LiveLog;
import io.petty.domain.platform.AfterCommit;
import io.petty.domain.platform.TaggedCounter;
import io.petty.domain.webhooks.WebhookOutbox;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.Arrays;

/**
 * Where what a pass found goes, in its transaction: the pets' live logs, and their owners' webhook outboxes; once it
 * commits, the counts of behaviors detected and alerts opened (Prometheus: {@code petty_behaviors_detected_total
 * {behavior}}, {@code petty_alerts_opened_total{kind}}). A re-analysis announces nothing, so counts nothing.
 */
@Dependent
public class Announcements {

    private static final Metadata DETECTED = Metadata.builder().withName("petty.behaviors.detected")
            .withDescription("Behavior events detected by live analysis, by behavior").build();
    private static final Metadata OPENED = Metadata.builder().withName("petty.alerts.opened")
            .withDescription("Alert episodes opened, by kind").build();

    private final LiveLog liveLog;
    private final WebhookOutbox webhooks;
    private final AfterCommit afterCommit;
    private final TaggedCounter detected;
    private final TaggedCounter opened;

    @Inject
    public Announcements(LiveLog liveLog, WebhookOutbox webhooks, AfterCommit afterCommit, MetricRegistry registry) {
        this.liveLog = liveLog;
        this.webhooks = webhooks;
        this.afterCommit = afterCommit;
        this.detected = new TaggedCounter(registry, DETECTED, "behavior");
        this.opened = new TaggedCounter(registry, OPENED, "kind",
                Arrays.stream(AlertKind.values()).map(AlertKind::wireName));
    }

    void publish(PassNews news) {
        liveLog.append(news.all());
        webhooks.enqueue(news.all());
        if (!news.detected().isEmpty() || !news.opened().isEmpty()) {
            afterCommit.run(() -> {
                news.detected().forEach(detected::inc);
                news.opened().forEach(opened::inc);
            });
        }
    }
}
