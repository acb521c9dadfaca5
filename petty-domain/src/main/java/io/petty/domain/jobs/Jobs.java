package io.petty.domain.jobs;

import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Petty's jobs through the container's {@link JobOperator}. The job repository is PostgreSQL (server.xml's
 * {@code batchPersistence}), so a run started on one server is listed, and restarted, from any of them. A job is
 * found by its XML in {@code META-INF/batch-jobs/} of petty-batch, which the EAR puts in {@code lib/}.
 */
@ApplicationScoped
public class Jobs {

    /**
     * Nightly and on demand: the behavior engine over the stored readings of the pets' local days {@code from} to
     * {@code to}, their events replaced by what the current detectors and model find.
     */
    public static final String REANALYSIS = "nightly-reanalysis";
    /** Daily: expired reading partitions, dead letters and other operational records (compliance/retention.md). */
    public static final String RETENTION = "retention";
    /** One data subject's archive, for an export request ({@code request_id}). */
    public static final String GDPR_EXPORT = "gdpr-export";
    /** Everything about one data subject removed, for an erasure request ({@code request_id}). */
    public static final String GDPR_ERASURE = "gdpr-erasure";

    private final AuditLog audit;
    /** Looked up on first use: the batch container is ready by then, not necessarily when CDI builds this. */
    private volatile JobOperator operator;

    @Inject
    public Jobs(AuditLog audit) {
        this.audit = audit;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected Jobs() {
        this(null);
    }

    /**
     * Starts a run, audited as started by {@code actor}.
     *
     * @param actor the account that asked, or null for the server's own schedule
     * @return the new execution's id
     */
    public long start(String job, Map<String, String> parameters, String actor) {
        Properties properties = new Properties();
        properties.putAll(parameters);
        long execution = operator().start(job, properties);
        audit.record(AuditEvent.JOB_STARTED, actor, null, job + " execution " + execution
                + (actor == null ? " (schedule)" : ""));
        return execution;
    }

    /** @throws UnknownJobRunException when there is no such execution */
    public JobRun run(long executionId) {
        try {
            JobExecution execution = operator().getJobExecution(executionId);
            JobInstance instance = operator().getJobInstance(executionId);
            return runOf(execution, instance, newest(operator().getJobExecutions(instance)));
        } catch (NoSuchJobExecutionException e) {
            throw new UnknownJobRunException(executionId);
        }
    }

    /**
     * Where the job of an execution stands now: its instance's newest execution, which is a restart's when a failed
     * run was restarted (what a request that started the first one shows).
     *
     * @throws UnknownJobRunException when there is no such execution
     */
    public JobRun current(long executionId) {
        try {
            JobInstance instance = operator().getJobInstance(executionId);
            long newest = newest(operator().getJobExecutions(instance));
            return runOf(operator().getJobExecution(newest), instance, newest);
        } catch (NoSuchJobExecutionException e) {
            throw new UnknownJobRunException(executionId);
        }
    }

    /** The newest runs of every job, newest first. */
    public List<JobRun> recent(int limit) {
        List<JobRun> runs = new ArrayList<>();
        JobOperator jobs = operator();
        for (String name : jobs.getJobNames()) {
            try {
                for (JobInstance instance : jobs.getJobInstances(name, 0, limit)) {
                    List<JobExecution> executions = jobs.getJobExecutions(instance);
                    long newest = newest(executions);
                    for (JobExecution execution : executions) {
                        runs.add(runOf(execution, instance, newest));
                    }
                }
            } catch (NoSuchJobException e) {
                // its last instance was purged between the two calls: nothing of it to list
            }
        }
        runs.sort(Comparator.comparing(JobRun::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(JobRun::executionId, Comparator.reverseOrder()));
        return runs.size() > limit ? List.copyOf(runs.subList(0, limit)) : runs;
    }

    /**
     * Restarts a failed or stopped run from its last checkpoint, with the parameters it had.
     *
     * @return the new execution's id
     * @throws UnknownJobRunException      when there is no such execution
     * @throws JobNotRestartableException when it completed, is still running, or a newer run of it exists
     */
    public long restart(long executionId, String actor) {
        JobRun run = run(executionId);
        if (!run.restartable()) {
            throw new JobNotRestartableException(executionId, run.latest() ? run.status()
                    : run.status() + " and was restarted since");
        }
        Properties properties = new Properties();
        properties.putAll(run.parameters());
        try {
            long execution = operator().restart(executionId, properties);
            audit.record(AuditEvent.JOB_RESTARTED, actor, null, run.job() + " execution " + executionId
                    + " restarted as " + execution);
            return execution;
        } catch (JobRestartException e) {
            throw new JobNotRestartableException(executionId, run.status() + " (" + e.getMessage() + ")");
        }
    }

    /** The id of the newest of an instance's executions: the only one that can be restarted. */
    private static long newest(List<JobExecution> executions) {
        return executions.stream().mapToLong(JobExecution::getExecutionId).max().orElse(-1);
    }

    private JobRun runOf(JobExecution execution, JobInstance instance, long newest) {
        Map<String, Long> counts = new TreeMap<>();
        for (StepExecution step : operator().getStepExecutions(execution.getExecutionId())) {
            for (Metric metric : step.getMetrics()) {
                if (metric.getValue() != 0) {
                    counts.merge(metric.getType().name().toLowerCase(Locale.ROOT).replace("_count", ""),
                            metric.getValue(), Long::sum);
                }
            }
        }
        Map<String, String> parameters = new TreeMap<>();
        Properties given = execution.getJobParameters();
        if (given != null) {
            given.stringPropertyNames().forEach(name -> parameters.put(name, given.getProperty(name)));
        }
        return new JobRun(execution.getExecutionId(), instance.getInstanceId(), execution.getJobName(),
                execution.getBatchStatus().name(), execution.getExitStatus(), instant(execution.getCreateTime()),
                instant(execution.getStartTime()), instant(execution.getEndTime()), counts, parameters,
                newest == execution.getExecutionId());
    }

    private JobOperator operator() {
        JobOperator found = operator;
        if (found == null) {
            found = BatchRuntime.getJobOperator();
            operator = found;
        }
        return found;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
