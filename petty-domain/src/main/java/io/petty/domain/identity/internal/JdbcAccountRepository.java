package io.petty.domain.identity.internal;

import io.petty.domain.identity.Account;
import io.petty.domain.identity.AccountRepository;
import io.petty.domain.identity.EmailTakenException;
import io.petty.domain.identity.Role;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlUpdates;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

@Dependent
public class JdbcAccountRepository implements AccountRepository {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    @Inject
    public JdbcAccountRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void create(UUID id, Role role, byte[] emailLookup, byte[] emailCiphertext, byte[] displayNameCiphertext,
                       String passwordHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO account (id, role, email_hmac, email_ciphertext, display_name_ciphertext, password_hash)
                     VALUES (?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, role.column());
            insert.setBytes(3, emailLookup);
            insert.setBytes(4, emailCiphertext);
            insert.setBytes(5, displayNameCiphertext);
            insert.setString(6, passwordHash);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new EmailTakenException();
            }
            throw new DatabaseException("could not create an account", e);
        }
    }

    @Override
    public Optional<Credentials> findByEmailLookup(byte[] emailLookup) {
        return credentials("email_hmac", emailLookup);
    }

    @Override
    public Optional<Credentials> credentials(UUID id) {
        return credentials("id", id);
    }

    @Override
    public void updatePasswordHash(UUID id, String passwordHash) {
        SqlUpdates.run(dataSource, "could not store a password hash", "UPDATE account SET password_hash = ? WHERE id = ?",
                passwordHash, id);
    }

    private Optional<Credentials> credentials(String keyColumn, Object key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id, role, password_hash FROM account WHERE " + keyColumn + " = ?")) {
            query.setObject(1, key);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Account account = new Account(row.getObject(1, UUID.class), Role.ofColumn(row.getString(2)));
                return Optional.of(new Credentials(account, row.getString(3)));
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not look up an account", e);
        }
    }

    @Override
    public Optional<Account> find(UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id, role FROM account WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new Account(row.getObject(1, UUID.class), Role.ofColumn(row.getString(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read an account", e);
        }
    }
}
