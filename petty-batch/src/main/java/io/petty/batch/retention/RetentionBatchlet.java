package io.petty.batch.retention;

import io.petty.domain.retention.Retention;
import io.petty.domain.retention.RetentionReport;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Clock;
import java.util.logging.Logger;

/** The retention job's one step: applies the schedule now, and says what it removed as the job's exit status. */
@Named("retentionBatchlet")
@Dependent
public class RetentionBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(RetentionBatchlet.class.getName());

    private final Retention retention;
    private final Clock clock;
    private final JobContext job;

    @Inject
    public RetentionBatchlet(Retention retention, Clock clock, JobContext job) {
        this.retention = retention;
        this.clock = clock;
        this.job = job;
    }

    @Override
    public String process() {
        RetentionReport report = retention.apply(clock.instant());
        LOG.info("Retention: " + report.summary() + (report.readingDays().isEmpty() ? ""
                : "; reading days dropped " + report.readingDays()));
        job.setExitStatus(report.summary());
        return report.summary();
    }
}
