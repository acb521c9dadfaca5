package io.petty.domain.pets.internal;

import io.petty.domain.pets.CollarRepository;
import io.petty.domain.platform.DatabaseException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

@Dependent
public class JdbcCollarRepository implements CollarRepository {

    private final DataSource dataSource;

    @Inject
    public JdbcCollarRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Instant> pairedAt(String collarId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT paired_at FROM collar WHERE id = ? AND pet_id IS NOT NULL AND paired_at IS NOT NULL")) {
            query.setString(1, collarId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not look up a collar", e);
        }
    }
}
