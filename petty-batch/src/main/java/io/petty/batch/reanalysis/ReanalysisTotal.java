package io.petty.batch.reanalysis;

import io.petty.domain.behavior.Reanalysis.Outcome;
import jakarta.batch.api.partition.AbstractPartitionAnalyzer;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * Adds up the partitions' tallies into the run's exit status, which {@code GET /v1/admin/jobs} shows: units
 * analysed again, units left to the live analysis, readings, and stored events changed (this execution's; a
 * restart counts what it did itself).
 */
@Named("reanalysisTotal")
@Dependent
public class ReanalysisTotal extends AbstractPartitionAnalyzer {

    private final JobContext job;
    private Outcome total = Outcome.NOTHING;

    @Inject
    public ReanalysisTotal(JobContext job) {
        this.job = job;
    }

    @Override
    public void analyzeCollectorData(Serializable data) {
        if (data == null) {
            // a partition ended without writing since its last tally
            return;
        }
        total = total.plus(ReanalysisTally.parse(data.toString()));
        job.setExitStatus("units=" + total.units() + " live=" + total.skipped() + " readings=" + total.readings()
                + " changes=" + total.changes());
    }
}
