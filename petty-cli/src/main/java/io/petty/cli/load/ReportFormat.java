package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;

import java.io.StringWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A {@link LoadReport} for people (a table) or for scripts (JSON with the same numbers). */
public final class ReportFormat {

    private ReportFormat() {
    }

    public static String text(LoadReport report) {
        StringBuilder text = new StringBuilder();
        Fleet fleet = report.fleet();
        line(text, "fleet", "%d owners (%d reused, %d created), %d collars (%d reused, %d created)",
                fleet.owners().size(), fleet.ownersReused(), fleet.ownersCreated(), fleet.collars().size(),
                fleet.collarsReused(), fleet.collarsCreated());
        LoadPlan plan = report.plan();
        line(text, "plan", "batch %d, readings %s apart, %s, %s, concurrency %d%s%s%s", plan.batch(),
                shortForm(plan.readingInterval()), shortForm(plan.duration()),
                plan.rate() > 0 ? String.format(Locale.ROOT, "%,.0f readings/s offered", plan.rate()) : "as fast as possible",
                plan.concurrency(), plan.motion() ? ", motion windows" : "",
                plan.readers() > 0 ? String.format(Locale.ROOT, ", %d readers every %s", plan.readers(), shortForm(plan.readInterval())) : "",
                plan.probes().count() > 0 ? String.format(Locale.ROOT, ", %d event probes every %s polling every %s",
                        plan.probes().count(), shortForm(plan.probes().interval()), shortForm(plan.probes().poll()))
                        : "");
        line(text, "ingest", "%,d readings acknowledged in %.1f s: %,.0f readings/s, %,.1f requests/s",
                report.acknowledged(), report.elapsed().toNanos() / 1e9, report.readingsPerSecond(),
                report.requestsPerSecond());
        line(text, "", "%,d requests (%,d retries); %,d readings rejected, %,d given up%s", report.requests(),
                report.retries(), report.rejected(), report.givenUp(),
                report.clockWaits() > 0 ? String.format(Locale.ROOT,
                        "; %,d batches waited for their collar's clock (never stamped ahead of now)",
                        report.clockWaits()) : "");
        line(text, "latency", "%s  (served requests; 429/503 refusals are under errors)", latencyText(report.latency()));
        line(text, "errors", "%s", report.errors().isEmpty() ? "none" : countsText(report.errors()));
        if (report.reads() != null) {
            line(text, "realtime", "%s  (%s)", latencyText(report.reads().latency()), countsText(report.reads().statuses()));
        }
        LoadReport.Events events = report.events();
        if (events != null) {
            line(text, "events", "%s  (ingest answer to the new session in the timeline, %d probes; %,d timed out "
                            + "after %s, %,d refused, %,d failed; %,d polls)", latencyText(events.latency()),
                    events.probes(), events.timeouts(), shortForm(report.plan().probes().timeout()), events.refused(),
                    events.failed(), events.polls());
        }
        line(text, "server heap", "%s", report.maxHeapBytes().isPresent()
                ? String.format(Locale.ROOT, "%.1f MiB at most", report.maxHeapBytes().getAsLong() / 1048576.0)
                : "not reported");
        if (report.copy() != null) {
            line(text, "COPY", "%,d rows in %.1f s: %,.0f rows/s; ingest reached %.3f of it", report.copy().rows(),
                    report.copy().elapsed().toNanos() / 1e9, report.copy().rowsPerSecond(), report.copyRatio());
        }
        if (report.verification() != null) {
            text.append(String.format(Locale.ROOT, "verified: %d of %d acknowledged readings present%n",
                    report.verification().present(), report.verification().acknowledged()));
        }
        return text.toString();
    }

    public static String json(LoadReport report) {
        Fleet fleet = report.fleet();
        LoadPlan plan = report.plan();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("fleet", Json.createObjectBuilder().add("owners", fleet.owners().size())
                        .add("owners_reused", fleet.ownersReused()).add("owners_created", fleet.ownersCreated())
                        .add("collars", fleet.collars().size()).add("collars_reused", fleet.collarsReused())
                        .add("collars_created", fleet.collarsCreated()))
                .add("plan", Json.createObjectBuilder().add("server", plan.server().toString())
                        .add("batch", plan.batch()).add("reading_interval_s", plan.readingInterval().toNanos() / 1e9)
                        .add("duration_s", plan.duration().toNanos() / 1e9)
                        .add("rate", plan.rate()).add("concurrency", plan.concurrency()).add("motion", plan.motion())
                        .add("readers", plan.readers()).add("event_probes", plan.probes().count())
                        .add("probe_interval_s", plan.probes().interval().toNanos() / 1e9)
                        .add("probe_poll_s", plan.probes().poll().toNanos() / 1e9)
                        .add("probe_timeout_s", plan.probes().timeout().toNanos() / 1e9))
                .add("elapsed_s", report.elapsed().toNanos() / 1e9)
                .add("requests", report.requests())
                .add("retries", report.retries())
                .add("acknowledged", report.acknowledged())
                .add("rejected", report.rejected())
                .add("given_up", report.givenUp())
                .add("clock_waits", report.clockWaits())
                .add("readings_per_s", report.readingsPerSecond())
                .add("requests_per_s", report.requestsPerSecond())
                .add("latency_ms", latencyJson(report.latency()).add("basis", "served requests"))
                .add("errors", countsJson(report.errors()));
        if (report.reads() != null) {
            json.add("realtime", Json.createObjectBuilder().add("latency_ms", latencyJson(report.reads().latency()))
                    .add("statuses", countsJson(report.reads().statuses())));
        }
        if (report.events() != null) {
            LoadReport.Events events = report.events();
            json.add("events", Json.createObjectBuilder().add("probes", events.probes())
                    .add("latency_ms", latencyJson(events.latency()).add("basis", "ingest answer to the timeline"))
                    .add("timeouts", events.timeouts())
                    .add("refused", events.refused()).add("failed", events.failed()).add("polls", events.polls()));
        }
        if (report.maxHeapBytes().isPresent()) {
            json.add("max_heap_bytes", report.maxHeapBytes().getAsLong());
        } else {
            json.addNull("max_heap_bytes");
        }
        if (report.copy() != null) {
            json.add("copy", Json.createObjectBuilder().add("rows", report.copy().rows())
                    .add("elapsed_s", report.copy().elapsed().toNanos() / 1e9)
                    .add("rows_per_s", report.copy().rowsPerSecond()).add("ratio", report.copyRatio()));
        }
        if (report.verification() != null) {
            json.add("verification", Json.createObjectBuilder()
                    .add("acknowledged", report.verification().acknowledged())
                    .add("present", report.verification().present())
                    .add("complete", report.verification().complete()));
        }
        StringWriter out = new StringWriter();
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).writeObject(json.build());
        return out.toString().strip() + System.lineSeparator();
    }

    private static void line(StringBuilder text, String label, String format, Object... values) {
        text.append(String.format(Locale.ROOT, "%-12s", label))
                .append(String.format(Locale.ROOT, format + "%n", values));
    }

    /** {@code PT1M30S} as {@code 1m30s} and {@code PT0.01S} as {@code 10ms}, as the options are typed. */
    static String shortForm(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 && duration.toNanosPart() % 1_000_000 == 0) {
            return duration.toMillis() + "ms";
        }
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String latencyText(LoadReport.Latency latency) {
        return String.format(Locale.ROOT, "p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  of %,d",
                latency.p50() / 1000.0, latency.p95() / 1000.0, latency.p99() / 1000.0, latency.max() / 1000.0,
                latency.count());
    }

    private static JsonObjectBuilder latencyJson(LoadReport.Latency latency) {
        return Json.createObjectBuilder().add("count", latency.count()).add("p50", latency.p50() / 1000.0)
                .add("p95", latency.p95() / 1000.0).add("p99", latency.p99() / 1000.0)
                .add("max", latency.max() / 1000.0);
    }

    private static String countsText(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s: %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static JsonObject countsJson(Map<String, Long> counts) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        counts.forEach(json::add);
        return json.build();
    }
}
