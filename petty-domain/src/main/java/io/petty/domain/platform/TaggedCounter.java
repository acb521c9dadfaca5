package io.petty.domain.platform;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.stream.Stream;

/**
 * One MicroProfile Metrics counter per value of one tag (Prometheus: one label), made on the value's first count
 * and found again after: for values that are few but not known in advance (behaviors, verdicts, job names).
 */
public record TaggedCounter(MetricRegistry registry, Metadata metadata, String tag) {

    /** Counters for values known in advance, served at zero from now: a rate or an increase sees their first count. */
    public TaggedCounter(MetricRegistry registry, Metadata metadata, String tag, Stream<String> known) {
        this(registry, metadata, tag);
        known.forEach(value -> registry.counter(metadata, new Tag(tag, value)));
    }

    public void inc(String value) {
        registry.counter(metadata, new Tag(tag, value)).inc();
    }
}
