package io.petty.cli.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a run measured. Latency covers every request the server served (a retry too), timed from sending to
 * the whole answer read; a 429 or 503 refusal is counted under errors, not timed.
 *
 * @param elapsed         from the first request to the last answer (the retry tail included)
 * @param requests        attempts, retries included
 * @param retries         attempts that repeated a refused or lost one
 * @param acknowledged    readings a 2xx answer said are stored (now or by an earlier attempt)
 * @param rejected        readings a 2xx batch answer refused one by one (the generator's fault: should be 0)
 * @param givenUp         readings sent but never acknowledged: attempts ran out, or a status that is not retried
 * @param clockWaits      batches that waited for their collar's clock to reach their last reading (a collar
 *                        never stamps one ahead of now): 0 when the clocks never held the fleet back, about every
 *                        batch when the collars sent in real time
 * @param errors          failed attempts by HTTP status, {@code io} for a connection that failed
 * @param reads           the readers' figures, or null without readers
 * @param events          the event probes' figures, or null without probes
 * @param maxHeapBytes    the server's largest used heap seen in {@code /metrics}, when it reports one
 * @param verification    the database check, or null when skipped
 * @param copy            the COPY ceiling, or null when not measured
 */
public record LoadReport(LoadPlan plan, Fleet fleet, Duration elapsed, long requests, long retries, long acknowledged,
                         long rejected, long givenUp, long clockWaits, Latency latency, Map<String, Long> errors,
                         Reads reads, Events events, OptionalLong maxHeapBytes, Acknowledgements acknowledgements,
                         Verification verification, CopyCeiling.Result copy) {

    public LoadReport {
        errors = sorted(errors);
    }

    public double readingsPerSecond() {
        return perSecond(acknowledged);
    }

    public double requestsPerSecond() {
        return perSecond(requests);
    }

    /** Acknowledged readings per second as a fraction of what COPY wrote, or NaN without a COPY figure. */
    public double copyRatio() {
        return copy == null ? Double.NaN : readingsPerSecond() / copy.rowsPerSecond();
    }

    public long errorCount(String status) {
        return errors.getOrDefault(status, 0L);
    }

    public LoadReport withVerification(Verification checked) {
        return new LoadReport(plan, fleet, elapsed, requests, retries, acknowledged, rejected, givenUp, clockWaits,
                latency, errors, reads, events, maxHeapBytes, acknowledgements, checked, copy);
    }

    public LoadReport withCopy(CopyCeiling.Result measured) {
        return new LoadReport(plan, fleet, elapsed, requests, retries, acknowledged, rejected, givenUp, clockWaits,
                latency, errors, reads, events, maxHeapBytes, acknowledgements, verification, measured);
    }

    private double perSecond(long count) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : count / seconds;
    }

    /** Counts by status, in the order of their names, so that reports list them alike every time. */
    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    /** Percentiles in microseconds. */
    public record Latency(long count, long p50, long p95, long p99, long max) {
        static Latency of(Histogram histogram) {
            return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(95), histogram.getValueAtPercentile(99), histogram.getMaxValue());
        }
    }

    /** The readers' polls of {@code GET /v1/realtime}: latency per request, and answers by status. */
    public record Reads(Latency latency, Map<String, Long> statuses) {
        public Reads {
            statuses = sorted(statuses);
        }
    }

    /**
     * The event probes' samples: from the ingest's answer to the first timeline answer showing the session the
     * readings started. Their readings are not among the fleet's figures above.
     *
     * @param probes   probe collars that sent
     * @param latency  the samples that saw their session within the plan's probe timeout
     * @param timeouts samples whose session was not in the timeline that long after the ingest's answer
     * @param refused  {@code 429} and {@code 503} answers to the probes, sent again after a pause
     * @param failed   probe requests that failed otherwise (a lost connection, another status), ending their sample
     * @param polls    timeline requests the probes sent: what they added to the server's load
     */
    public record Events(int probes, Latency latency, long timeouts, long refused, long failed, long polls) {
        public long samples() {
            return latency.count();
        }
    }

    /** @param present acknowledged readings found in the database */
    public record Verification(long acknowledged, long present) {
        public boolean complete() {
            return present == acknowledged;
        }
    }
}
