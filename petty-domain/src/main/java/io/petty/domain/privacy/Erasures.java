package io.petty.domain.privacy;

import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import io.petty.domain.identity.AccountService;
import io.petty.domain.identity.Sessions;
import io.petty.domain.jobs.Jobs;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Data subjects' erasures: a compliance officer's request about anyone (with a reason), or an owner's of their own
 * account (confirmed by the password). The {@code gdpr-erasure} job ends every login of the subject, removes
 * everything about them ({@link SubjectErasure}), checks that nothing is left (or fails), and leaves a record with
 * no personal data of the subject. Requests and completions are audited.
 */
@ApplicationScoped
public class Erasures {

    static final String SELF_SERVICE = "the data subject's own request (GDPR Art. 17)";

    private final ErasureRequests requests;
    private final Subjects subjects;
    private final AccountService accounts;
    private final Sessions sessions;
    private final DataSource dataSource;
    private final Jobs jobs;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    public Erasures(ErasureRequests requests, Subjects subjects, AccountService accounts, Sessions sessions,
                    DataSource dataSource, Jobs jobs, AuditLog audit, Clock clock) {
        this.requests = requests;
        this.subjects = subjects;
        this.accounts = accounts;
        this.sessions = sessions;
        this.dataSource = dataSource;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected Erasures() {
        this(null, null, null, null, null, null, null, null);
    }

    /**
     * Starts the erasure of the account with this id or e-mail (exactly one of them).
     *
     * @throws InvalidInputException naming the field: no reason, both or neither subject field, no such account
     */
    public ErasureRequest request(String subjectId, String subjectEmail, UUID requestedBy, String reason) {
        return start(subjects.find(subjectId, subjectEmail), requestedBy, Subjects.reason(reason));
    }

    /**
     * Starts the erasure of the caller's own account.
     *
     * @throws InvalidInputException naming {@code password} when it is not the account's
     */
    public ErasureRequest eraseOwn(UUID accountId, String password) {
        accounts.confirmPassword(accountId, password);
        return start(accountId, accountId, SELF_SERVICE);
    }

    /** @throws UnknownErasureException unless {@code caller} asked for it */
    public ErasureRequest get(UUID id, UUID caller) {
        return requests.find(id).filter(request -> request.requestedBy().equals(caller))
                .orElseThrow(() -> new UnknownErasureException(id));
    }

    /**
     * The job's work; run again after a failure or a kill, it finds nothing more to remove and records the rest.
     *
     * @throws IllegalStateException when something of the subject is still held afterwards (the job fails)
     */
    public ErasureRequest perform(UUID id) {
        ErasureRequest request = requests.find(id).orElseThrow(() -> new UnknownErasureException(id));
        if (request.completedAt() != null) {
            return request;
        }
        UUID subject = request.subjectId();
        sessions.logoutEverywhere(subject);
        SubjectErasure erasure = new SubjectErasure(dataSource);
        Map<String, Integer> removed = erasure.erase(subject, progress -> requests.progressed(id, progress));
        Map<String, Long> left = erasure.remaining(subject);
        if (!left.isEmpty()) {
            throw new IllegalStateException("erasure " + id + " left rows of the subject in " + left.keySet());
        }
        requests.completed(id, removed, clock.instant());
        audit.record(AuditEvent.ERASURE_COMPLETED, request.requestedBy().toString(), subject.toString(),
                "erasure " + id + ": " + removed.values().stream().mapToInt(Integer::intValue).sum() + " rows in "
                        + removed.values().stream().filter(rows -> rows > 0).count() + " tables");
        return requests.find(id).orElseThrow();
    }

    private ErasureRequest start(UUID subject, UUID requestedBy, String reason) {
        ErasureRequest request = new ErasureRequest(UUID.randomUUID(), subject, requestedBy, reason, clock.instant(),
                null, Map.of(), null, null);
        requests.add(request);
        audit.record(AuditEvent.ERASURE_REQUESTED, requestedBy.toString(), subject.toString(),
                "erasure " + request.id() + ": " + PiiRedactor.redact(reason));
        long execution = jobs.start(Jobs.GDPR_ERASURE, Map.of("request_id", request.id().toString()),
                requestedBy.toString());
        requests.started(request.id(), execution);
        return requests.find(request.id()).orElseThrow();
    }
}
