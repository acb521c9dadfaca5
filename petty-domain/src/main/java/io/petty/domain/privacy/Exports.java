package io.petty.domain.privacy;

import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import io.petty.domain.identity.PiiProtector;
import io.petty.domain.jobs.Jobs;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Data subjects' exports: a compliance officer's request about anyone (with a reason), or an owner's about
 * themselves; the {@code gdpr-export} job writes the archive ({@link SubjectArchive}); whoever asked downloads it
 * for {@link #AVAILABLE}, after which the retention job deletes it. Requests and downloads are audited.
 */
@ApplicationScoped
public class Exports {

    /** How long an archive can be downloaded. */
    public static final Duration AVAILABLE = Duration.ofDays(7);
    private final ExportRequests requests;
    private final Subjects subjects;
    private final PiiProtector pii;
    private final DataSource dataSource;
    private final Jobs jobs;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    public Exports(ExportRequests requests, Subjects subjects, PiiProtector pii, DataSource dataSource, Jobs jobs,
                   AuditLog audit, Clock clock) {
        this.requests = requests;
        this.subjects = subjects;
        this.pii = pii;
        this.dataSource = dataSource;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected Exports() {
        this(null, null, null, null, null, null, null);
    }

    /**
     * Starts the export of the account with this id or e-mail (exactly one of them).
     *
     * @throws InvalidInputException naming the field: no reason, both or neither subject field, no such account
     */
    public ExportRequest request(String subjectId, String subjectEmail, UUID requestedBy, String reason) {
        String why = Subjects.reason(reason);
        UUID subject = subjects.find(subjectId, subjectEmail);
        ExportRequest request = new ExportRequest(UUID.randomUUID(), subject, requestedBy, why, clock.instant(), null,
                null, null, null, null, null);
        requests.add(request);
        audit.record(AuditEvent.EXPORT_REQUESTED, requestedBy.toString(), subject.toString(),
                "export " + request.id() + ": " + PiiRedactor.redact(why));
        long execution = jobs.start(Jobs.GDPR_EXPORT, Map.of("request_id", request.id().toString()),
                requestedBy.toString());
        requests.started(request.id(), execution);
        return get(request.id(), requestedBy);
    }

    /** @throws UnknownExportException unless {@code caller} asked for it */
    public ExportRequest get(UUID id, UUID caller) {
        return requests.find(id).filter(request -> request.requestedBy().equals(caller))
                .orElseThrow(() -> new UnknownExportException(id));
    }

    /**
     * The export whose archive {@code caller} may download now.
     *
     * @throws UnknownExportException unless {@code caller} asked for it and its archive is written and not expired
     */
    public ExportRequest downloadable(UUID id, UUID caller) {
        ExportRequest request = get(id, caller);
        if (!request.downloadable(clock.instant())) {
            throw new UnknownExportException(id);
        }
        return request;
    }

    /**
     * Streams a {@link #downloadable} export's archive, audited as downloaded by whoever asked for it.
     *
     * @throws UnknownExportException when the archive went meanwhile (expired between the two)
     */
    public void download(ExportRequest request, OutputStream out) {
        if (!requests.readArchive(request.id(), out)) {
            throw new UnknownExportException(request.id());
        }
        audit.record(AuditEvent.EXPORT_DOWNLOADED, request.requestedBy().toString(), request.subjectId().toString(),
                "export " + request.id());
    }

    /** The job's work: writes the request's archive, whole or not at all. */
    public ExportRequest writeArchive(UUID id) {
        ExportRequest request = requests.find(id).orElseThrow(() -> new UnknownExportException(id));
        Instant at = clock.instant();
        SubjectArchive archive = new SubjectArchive(dataSource, pii);
        requests.storeArchive(id, out -> archive.write(request.subjectId(), at, out,
                progress -> requests.progressed(id, progress)), at, at.plus(AVAILABLE));
        return requests.find(id).orElseThrow();
    }

    /** Deletes the archives past their time (the retention job). @return how many */
    public int forgetExpired(Instant now) {
        return requests.forgetExpired(now);
    }
}
