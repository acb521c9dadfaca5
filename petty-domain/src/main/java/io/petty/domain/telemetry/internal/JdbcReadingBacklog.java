package io.petty.domain.telemetry.internal;

import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlArrays;
import io.petty.domain.telemetry.Reading;
import io.petty.domain.telemetry.ReadingBacklog;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@code analysis_backlog} rows that {@link JdbcReadingRepository} inserts with every write of new readings. */
@Dependent
public class JdbcReadingBacklog implements ReadingBacklog {

    private final DataSource dataSource;
    private final HeldReadings held;

    @Inject
    public JdbcReadingBacklog(DataSource dataSource, HeldReadings held) {
        this.dataSource = dataSource;
        this.held = held;
    }

    @Override
    public List<String> waitingCollars(int limit) {
        List<String> collars = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT collar_id FROM analysis_backlog GROUP BY collar_id ORDER BY min(id) LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    collars.add(row.getString(1));
                }
            }
            return collars;
        } catch (SQLException e) {
            throw new DatabaseException("could not read the reading backlog", e);
        }
    }

    @Override
    public List<Arrival> arrivals(Collection<String> collarIds) {
        List<Arrival> arrivals = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id, collar_id, earliest, latest FROM analysis_backlog WHERE collar_id = ANY (?) ORDER BY id")) {
            query.setArray(1, SqlArrays.texts(connection, collarIds));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    arrivals.add(new Arrival(row.getLong(1), row.getString(2),
                            row.getObject(3, OffsetDateTime.class).toInstant(), row.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            return arrivals;
        } catch (SQLException e) {
            throw new DatabaseException("could not read the reading backlog", e);
        }
    }

    @Override
    public Optional<List<Reading>> held(Collection<Arrival> arrivals) {
        return held.take(arrivals.stream().map(Arrival::id).toList());
    }

    @Override
    public void settle(Collection<Long> arrivalIds) {
        if (arrivalIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM analysis_backlog WHERE id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("int8", arrivalIds.toArray(Long[]::new)));
            delete.executeUpdate();
            held.forget(arrivalIds);
        } catch (SQLException e) {
            throw new DatabaseException("could not settle the reading backlog", e);
        }
    }
}
