package io.petty.domain.behavior.internal;

import io.petty.domain.alerts.Alerts;
import io.petty.domain.alerts.rules.CollarSilent;
import io.petty.domain.behavior.internal.JdbcAnalysisCursors.CursorRow;
import io.petty.domain.telemetry.ReadingBacklog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check for silent collars, the one alert no reading raises: run by whichever server gets to a collar first (its
 * cursor locked, skipped when another server holds it), from the cursors in PostgreSQL, so it survives restarts and
 * works with any number of servers. The collar's rules decide and keep the episode; its next reading resolves it.
 */
@ApplicationScoped
public class SilenceCheck {

    /**
     * How far back a silence may have begun and still open an episode: a collar put away in a drawer before this
     * server ran (or before alerts existed) is no news, and the first check after an upgrade opens no storm of them.
     */
    static final Duration HORIZON = Duration.ofHours(24);

    private final JdbcAnalysisCursors cursors;
    private final ReadingBacklog backlog;
    private final LiveAnalyses live;
    private final Alerts alerts;
    private final Announcements announcements;
    private final Clock clock;

    @Inject
    public SilenceCheck(JdbcAnalysisCursors cursors, ReadingBacklog backlog, LiveAnalyses live, Alerts alerts,
                        Announcements announcements, Clock clock) {
        this.cursors = cursors;
        this.backlog = backlog;
        this.live = live;
        this.alerts = alerts;
        this.announcements = announcements;
        this.clock = clock;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected SilenceCheck() {
        this(null, null, null, null, null, null);
    }

    /**
     * Checks up to {@code limit} collars whose last reading taken in is older than {@link CollarSilent#AFTER}, but
     * within the {@link #HORIZON}.
     *
     * @return how many episodes it opened
     */
    @Transactional
    public int check(int limit) {
        Instant now = clock.instant();
        List<String> silent = cursors.silent(now.minus(CollarSilent.AFTER), now.minus(HORIZON), limit);
        if (silent.isEmpty()) {
            return 0;
        }
        Map<String, CursorRow> rows = cursors.lock(silent);
        // Readings waiting for the engine, or taken in without the cursor saved: the collar is not silent.
        backlog.arrivals(rows.keySet()).forEach(arrival -> rows.remove(arrival.collarId()));
        rows.values().removeIf(row -> row.staleSince() != null);
        if (rows.isEmpty()) {
            return 0;
        }
        PassAlerts rules = new PassAlerts();
        rules.settingsOf(cursors.windows(rows.keySet(), now, now));
        Map<String, byte[]> checked = new HashMap<>();
        rows.forEach((collarId, row) -> {
            Optional<LiveAnalyses.Live> kept = live.take(collarId, row);
            CollarAlerts collar = rules.of(collarId, row, kept);
            rules.checkSilence(collarId, row.cursor().petId(), now);
            byte[] saved = rules.changed(collarId) ? collar.snapshot() : row.alerts();
            if (rules.changed(collarId)) {
                checked.put(collarId, saved);
            }
            kept.ifPresent(found -> live.keep(collarId, new LiveAnalyses.Live(found.saved(), saved, found.analysis(),
                    found.stored(), collar)));
        });
        PassNews news = new PassNews();
        rules.apply(alerts).forEach(news::alert);
        announcements.publish(news);
        cursors.saveAlerts(checked);
        return news.all().size();
    }
}
