package io.petty.domain.privacy;

import io.petty.domain.identity.AccountRepository;
import io.petty.domain.identity.PiiProtector;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/** What a request about a data subject must name: the subject (by account id or e-mail) and the reason. */
@ApplicationScoped
public class Subjects {

    static final int MAX_REASON = 500;

    private final AccountRepository accounts;
    private final PiiProtector pii;

    @Inject
    public Subjects(AccountRepository accounts, PiiProtector pii) {
        this.accounts = accounts;
        this.pii = pii;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected Subjects() {
        this(null, null);
    }

    /**
     * The account with this id or e-mail (exactly one of them given).
     *
     * @throws InvalidInputException naming the field: both or neither given, or no such account
     */
    public UUID find(String subjectId, String subjectEmail) {
        if ((subjectId == null) == (subjectEmail == null)) {
            throw new InvalidInputException(List.of(new FieldViolation("subject_email",
                    "give the subject's subject_email or subject_id, one of them")));
        }
        return subjectId != null
                ? accounts.find(accountId(subjectId)).orElseThrow(() -> noSuchAccount("subject_id")).id()
                : accounts.findByEmailLookup(pii.emailLookup(subjectEmail))
                .orElseThrow(() -> noSuchAccount("subject_email")).account().id();
    }

    /** @throws InvalidInputException naming {@code reason} when there is none, or it is over 500 characters */
    public static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new InvalidInputException(List.of(new FieldViolation("reason",
                    "is required: why the request is made (at most " + MAX_REASON + " characters)")));
        }
        return why;
    }

    private static UUID accountId(String subjectId) {
        try {
            return UUID.fromString(subjectId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldViolation("subject_id", "must be an account id (a UUID)")));
        }
    }

    private static InvalidInputException noSuchAccount(String field) {
        return new InvalidInputException(List.of(new FieldViolation(field, "is no account's")));
    }
}
