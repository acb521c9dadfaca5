package io.petty.batch.export;

import io.petty.domain.privacy.ExportRequest;
import io.petty.domain.privacy.Exports;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.UUID;

/** The gdpr-export job's one step: writes the request's archive; its size and checksum are the exit status. */
@Named("exportBatchlet")
@Dependent
public class ExportBatchlet extends AbstractBatchlet {

    private final Exports exports;
    private final JobContext job;
    private final String requestId;

    @Inject
    public ExportBatchlet(Exports exports, JobContext job, @BatchProperty(name = "requestId") String requestId) {
        this.exports = exports;
        this.job = job;
        this.requestId = requestId;
    }

    @Override
    public String process() {
        ExportRequest written = exports.writeArchive(UUID.fromString(requestId));
        String summary = "bytes=" + written.archiveBytes() + " sha256=" + written.archiveSha256();
        job.setExitStatus(summary);
        return summary;
    }
}
