package io.petty.domain.behavior.internal;

import io.petty.domain.alerts.Alert;
import io.petty.domain.behavior.BehaviorEvent;
import io.petty.domain.live.LiveNews;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a pass found that the pets' live logs tell, in the order found: behaviors that began or ended, alerts opened
 * or resolved. The data is what the app's stream shows of each, named as the REST API names the same fields.
 */
final class PassNews {

    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private final List<LiveNews> news = new ArrayList<>();
    private final List<String> detected = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();

    /** An event that began (stored for the first time, open or already closed) or ended. */
    void event(BehaviorEvent event, boolean began) {
        if (began) {
            detected.add(event.behavior());
        }
        JsonObjectBuilder data = BUILDERS.createObjectBuilder().add("event_id", event.id().toString())
                .add("pet_id", event.petId().toString()).add("kind", event.kind().name().toLowerCase(Locale.ROOT))
                .add("behavior", event.shownBehavior()).add("start", event.start().toString())
                .add("end", event.end().toString()).add("open", event.open())
                .add("confidence", BigDecimal.valueOf(event.confidence()));
        if (event.distanceM() != null) {
            data.add("distance_m", BigDecimal.valueOf(event.distanceM()));
        }
        news.add(new LiveNews(event.petId(), event.open() ? "behavior.began" : "behavior.ended",
                data.build().toString()));
    }

    /** An episode as its opening or resolution left it. */
    void alert(Alert alert) {
        if (alert.resolvedAt() == null) {
            opened.add(alert.kind().wireName());
        }
        JsonObjectBuilder data = BUILDERS.createObjectBuilder().add("id", alert.id().toString())
                .add("pet_id", alert.petId().toString()).add("collar_id", alert.collarId())
                .add("kind", alert.kind().wireName()).add("state", alert.state().name().toLowerCase(Locale.ROOT))
                .add("opened_at", alert.openedAt().toString()).add("opened_detail", alert.openedDetail());
        Instant resolved = alert.resolvedAt();
        if (resolved != null) {
            data.add("resolved_at", resolved.toString()).add("resolved_detail", alert.resolvedDetail());
        }
        news.add(new LiveNews(alert.petId(), resolved == null ? "alert.opened" : "alert.resolved",
                data.build().toString()));
    }

    List<LiveNews> all() {
        return news;
    }

    /** The behaviors of the events that began, one entry each. */
    List<String> detected() {
        return detected;
    }

    /** The kinds of the alerts opened, one entry each. */
    List<String> opened() {
        return opened;
    }
}
