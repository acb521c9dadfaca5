package io.petty.domain.identity;

import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import io.petty.domain.crypto.PasswordHasher;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creating accounts and checking their passwords. */
@Dependent
public class AccountService {

    /** The contexts the account's e-mail and display name are sealed under ({@link PiiProtector#open}). */
    public static final String EMAIL_COLUMN = "account.email";
    public static final String DISPLAY_NAME_COLUMN = "account.display_name";
    private static final int MAX_DISPLAY_NAME = 100;

    private final AccountRepository accounts;
    private final PiiProtector pii;
    private final AuditLog audit;

    @Inject
    public AccountService(AccountRepository accounts, PiiProtector pii, AuditLog audit) {
        this.accounts = accounts;
        this.pii = pii;
        this.audit = audit;
    }

    /**
     * @throws InvalidInputException naming each field that breaks a rule
     * @throws EmailTakenException   when the email is registered already
     */
    public Account register(String email, String password, String displayName, Role role) {
        List<FieldViolation> violations = new ArrayList<>();
        EmailAddress.check(email).ifPresent(violations::add);
        PasswordPolicy.check(password, email).ifPresent(violations::add);
        if (displayName == null || displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME) {
            violations.add(new FieldViolation("display_name", "must be 1 to " + MAX_DISPLAY_NAME + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Account account = new Account(UUID.randomUUID(), role);
        accounts.create(account.id(), role, pii.emailLookup(email), pii.seal(EmailAddress.normalise(email), EMAIL_COLUMN),
                pii.seal(displayName.strip(), DISPLAY_NAME_COLUMN), PasswordHasher.hash(password.toCharArray()));
        audit.record(AuditEvent.ACCOUNT_CREATED, null, account.id().toString(), "role " + role.group());
        return account;
    }

    /**
     * @return the account when the password is right; takes as long when the email is unknown. A right password
     *         stored at less than today's cost is hashed again at today's.
     */
    public Optional<Account> authenticate(String email, String password) {
        if (email == null || password == null || password.length() > PasswordPolicy.MAX_LENGTH * 4) {
            return Optional.empty();
        }
        return verified(accounts.findByEmailLookup(pii.emailLookup(email)), password);
    }

    /**
     * Replaces the password of a signed-in account, which must give its current one.
     *
     * @throws InvalidInputException naming {@code current_password} when it is wrong, {@code new_password} when it
     *                               breaks a rule
     */
    public void changePassword(UUID accountId, String currentPassword, String newPassword) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!rightPassword(accountId, currentPassword)) {
            violations.add(new FieldViolation("current_password", "is not this account's password"));
        }
        PasswordPolicy.check(newPassword, null)
                .map(violation -> new FieldViolation("new_password", violation.message()))
                .ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        accounts.updatePasswordHash(accountId, PasswordHasher.hash(newPassword.toCharArray()));
    }

    /**
     * For what a signed-in account must confirm by its password (erasing itself).
     *
     * @throws InvalidInputException naming {@code password} when it is not the account's
     */
    public void confirmPassword(UUID accountId, String password) {
        if (!rightPassword(accountId, password)) {
            throw new InvalidInputException(List.of(new FieldViolation("password", "is not this account's password")));
        }
    }

    private boolean rightPassword(UUID accountId, String password) {
        return password != null && password.length() <= PasswordPolicy.MAX_LENGTH * 4
                && verified(accounts.credentials(accountId), password).isPresent();
    }

    private Optional<Account> verified(Optional<AccountRepository.Credentials> stored, String password) {
        String hash = stored.map(AccountRepository.Credentials::passwordHash).orElse(null);
        if (!PasswordHasher.verify(password.toCharArray(), hash)) {
            return Optional.empty();
        }
        Account account = stored.get().account();
        if (PasswordHasher.isOutdated(hash)) {
            accounts.updatePasswordHash(account.id(), PasswordHasher.hash(password.toCharArray()));
        }
        return Optional.of(account);
    }
}
