package io.petty.batch;

import io.petty.domain.platform.Tracing;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Traces every run of every job (a span from its start to its end, on the job's thread: its database spans are its
 * children) and counts it as it ends, listed in each JSL: runs by job and outcome (Prometheus:
 * {@code petty_job_runs_total{job_name,outcome="completed|failed|stopped"}}), how long they took
 * ({@code petty_job_duration_seconds{job_name}}) and the items their chunk steps wrote
 * ({@code petty_job_items_total{job_name}}). The label is not {@code job}: Prometheus gives that to the scrape job.
 * A run killed with its server is never counted: its restart is. Every outcome of a job, and its items, are served
 * from its first run, at zero until they happen, so that an alert on the first failure sees the count rise.
 */
@Named("jobOutcomes")
@Dependent
public class JobOutcomes extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(JobOutcomes.class.getName());
    private static final List<String> OUTCOMES = List.of("completed", "failed", "stopped");
    private static final Metadata RUNS = Metadata.builder().withName("petty.job.runs")
            .withDescription("Job runs ended, by job and outcome: completed, failed or stopped").build();
    private static final Metadata DURATION = Metadata.builder().withName("petty.job.duration")
            .withDescription("How long job runs took, by job").withUnit(MetricUnits.SECONDS).build();
    private static final Metadata ITEMS = Metadata.builder().withName("petty.job.items")
            .withDescription("Items written by the jobs' chunk steps (re-analysis: units), by job").build();

    private final JobContext job;
    private final MetricRegistry registry;
    private final Tracing tracing;
    private long startedNanos;
    private Tracing.Job traced;

    @Inject
    public JobOutcomes(JobContext job, MetricRegistry registry, Tracing tracing) {
        this.job = job;
        this.registry = registry;
        this.tracing = tracing;
    }

    @Override
    public void beforeJob() {
        startedNanos = System.nanoTime();
        traced = tracing.job(job.getJobName(), job.getExecutionId());
        Tag name = new Tag("job_name", job.getJobName());
        OUTCOMES.forEach(outcome -> registry.counter(RUNS, name, new Tag("outcome", outcome)));
        registry.counter(ITEMS, name);
    }

    @Override
    public void afterJob() {
        String outcome = outcome();
        traced.end(!outcome.equals("completed"));
        // A listener that throws fails its job: what the metrics miss is logged instead.
        try {
            Tag name = new Tag("job_name", job.getJobName());
            registry.counter(RUNS, name, new Tag("outcome", outcome)).inc();
            registry.timer(DURATION, name).update(Duration.ofNanos(System.nanoTime() - startedNanos));
            registry.counter(ITEMS, name).inc(itemsWritten());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not count the end of job " + job.getJobName() + " execution "
                    + job.getExecutionId() + ": " + e);
        }
    }

    /**
     * Liberty calls the job listeners before it sets the final status (COMPLETED and STOPPED come after them): a run
     * still STARTED here completed, one STOPPING stopped.
     */
    private String outcome() {
        return switch (job.getBatchStatus()) {
            case FAILED, ABANDONED -> "failed";
            case STOPPING, STOPPED -> "stopped";
            default -> "completed";
        };
    }

    private long itemsWritten() {
        long written = 0;
        for (StepExecution step : BatchRuntime.getJobOperator().getStepExecutions(job.getExecutionId())) {
            written += Arrays.stream(step.getMetrics())
                    .filter(metric -> metric.getType() == Metric.MetricType.WRITE_COUNT)
                    .mapToLong(Metric::getValue).sum();
        }
        return written;
    }
}
