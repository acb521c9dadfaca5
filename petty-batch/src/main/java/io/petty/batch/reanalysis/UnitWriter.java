package io.petty.batch.reanalysis;

import io.petty.domain.behavior.Reanalysis;
import io.petty.domain.behavior.Unit;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * A chunk of units analysed again and stored, in the chunk's transaction (with the reader's checkpoint); what it did
 * is added up in the partition's step context for {@link ReanalysisTally}.
 */
@Named("unitWriter")
@Dependent
public class UnitWriter extends AbstractItemWriter {

    private final Reanalysis reanalysis;
    private final StepContext step;

    @Inject
    public UnitWriter(Reanalysis reanalysis, StepContext step) {
        this.reanalysis = reanalysis;
        this.step = step;
    }

    @Override
    public void writeItems(List<Object> items) {
        Reanalysis.Outcome outcome = reanalysis.reanalyse(items.stream().map(Unit.class::cast).toList());
        step.setTransientUserData(ReanalysisTally.add(step.getTransientUserData(), outcome));
    }
}
