package io.petty.domain.identity;

import io.petty.domain.identity.internal.JdbcAccountRepository;

import javax.sql.DataSource;
import java.util.Optional;
import java.util.UUID;

/** Where accounts are kept; personal data arrives and leaves encrypted. */
public interface AccountRepository {

    /** The PostgreSQL repository, for callers outside the container (the CLI); the server injects it. */
    static AccountRepository using(DataSource dataSource) {
        return new JdbcAccountRepository(dataSource);
    }

    /** A stored account's credentials, for checking a password. */
    record Credentials(Account account, String passwordHash) {
    }

    /** @throws EmailTakenException when the email hash is taken */
    void create(UUID id, Role role, byte[] emailLookup, byte[] emailCiphertext, byte[] displayNameCiphertext,
                String passwordHash);

    Optional<Credentials> findByEmailLookup(byte[] emailLookup);

    Optional<Account> find(UUID id);

    Optional<Credentials> credentials(UUID id);

    void updatePasswordHash(UUID id, String passwordHash);
}
