package io.petty.batch.erasure;

import io.petty.domain.privacy.ErasureRequest;
import io.petty.domain.privacy.Erasures;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.UUID;

/** The gdpr-erasure job's one step: erases and verifies; the rows removed are the exit status. */
@Named("erasureBatchlet")
@Dependent
public class ErasureBatchlet extends AbstractBatchlet {

    private final Erasures erasures;
    private final JobContext job;
    private final String requestId;

    @Inject
    public ErasureBatchlet(Erasures erasures, JobContext job, @BatchProperty(name = "requestId") String requestId) {
        this.erasures = erasures;
        this.job = job;
        this.requestId = requestId;
    }

    @Override
    public String process() {
        ErasureRequest done = erasures.perform(UUID.fromString(requestId));
        String summary = "rows=" + done.removed().values().stream().mapToInt(Integer::intValue).sum()
                + " verified=nothing-left";
        job.setExitStatus(summary);
        return summary;
    }
}
