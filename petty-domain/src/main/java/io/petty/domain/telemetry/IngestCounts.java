package io.petty.domain.telemetry;

import io.petty.domain.platform.TaggedCounter;
import io.petty.domain.validation.FieldViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.List;

/**
 * What ingest did, as MicroProfile Metrics counters (Prometheus: {@code petty_readings_total{outcome}} and
 * {@code petty_readings_rejected_total{reason}}, the reason being the first refused field), and how many readings
 * each group commit of small writes held ({@code petty_ingest_group_commit_readings}, a histogram).
 */
@ApplicationScoped
public class IngestCounts {

    private static final Metadata READINGS = Metadata.builder().withName("petty.readings")
            .withDescription("Readings received, by outcome: stored, duplicate (stored before) or rejected").build();
    private static final Metadata REJECTED = Metadata.builder().withName("petty.readings.rejected")
            .withDescription("Readings rejected, by the first field that broke a rule").build();
    private static final Metadata GROUP_COMMIT = Metadata.builder().withName("petty.ingest.group.commit.readings")
            .withDescription("Readings written by each commit of small ingest requests grouped together").build();

    private final TaggedCounter reasons;
    private final Counter stored;
    private final Counter duplicate;
    private final Counter rejected;
    private final Histogram groupCommits;

    @Inject
    public IngestCounts(MetricRegistry registry) {
        this.reasons = new TaggedCounter(registry, REJECTED, "reason");
        this.stored = registry.counter(READINGS, new Tag("outcome", "stored"));
        this.duplicate = registry.counter(READINGS, new Tag("outcome", "duplicate"));
        this.rejected = registry.counter(READINGS, new Tag("outcome", "rejected"));
        this.groupCommits = registry.histogram(GROUP_COMMIT);
    }

    /** For CDI proxies; never called to build a working instance. */
    protected IngestCounts() {
        this.reasons = null;
        this.stored = null;
        this.duplicate = null;
        this.rejected = null;
        this.groupCommits = null;
    }

    void stored(int readings, int duplicates) {
        stored.inc(readings);
        duplicate.inc(duplicates);
    }

    /** A commit of grouped small writes held this many readings. */
    public void groupCommitted(int readings) {
        groupCommits.update(readings);
    }

    void rejected(List<FieldViolation> errors) {
        rejected.inc();
        reasons.inc(errors.isEmpty() ? "unknown" : errors.get(0).field());
    }
}
