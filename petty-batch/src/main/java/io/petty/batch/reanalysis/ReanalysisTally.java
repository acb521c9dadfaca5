package io.petty.batch.reanalysis;

import io.petty.domain.behavior.Reanalysis.Outcome;
import jakarta.batch.api.chunk.listener.AbstractChunkListener;
import jakarta.batch.api.partition.PartitionCollector;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * Hands what a partition's chunks did since its last checkpoint to {@link ReanalysisTotal} on the step's thread, as
 * text: partitions may run where the analyzer's classes are not (another server of a multi-server batch). As the
 * step's chunk listener it forgets a chunk that fails, which is rolled back: only committed chunks are counted.
 */
@Named("reanalysisTally")
@Dependent
public class ReanalysisTally extends AbstractChunkListener implements PartitionCollector {

    private final StepContext step;

    @Inject
    public ReanalysisTally(StepContext step) {
        this.step = step;
    }

    /** What {@link UnitWriter} keeps in the step context: the outcomes so far added up. */
    static Outcome add(Object sum, Outcome outcome) {
        return sum instanceof Outcome earlier ? earlier.plus(outcome) : outcome;
    }

    @Override
    public void onError(Exception failure) {
        // Collected after every checkpoint, the step context holds the failing chunk's outcome alone.
        step.setTransientUserData(null);
    }

    @Override
    public Serializable collectPartitionData() {
        Object sum = step.getTransientUserData();
        step.setTransientUserData(null);
        return sum instanceof Outcome outcome ? format(outcome) : null;
    }

    static String format(Outcome outcome) {
        return outcome.units() + " " + outcome.skipped() + " " + outcome.readings() + " " + outcome.changes();
    }

    static Outcome parse(String tally) {
        String[] parts = tally.split(" ");
        return new Outcome(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]),
                Integer.parseInt(parts[3]));
    }
}
