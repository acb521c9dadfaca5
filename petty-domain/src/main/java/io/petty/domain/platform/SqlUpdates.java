package io.petty.domain.platform;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A statement that changes rows, on a connection of the data source (enlisted in the caller's transaction if any). */
public final class SqlUpdates {

    private SqlUpdates() {
    }

    /**
     * @param failure what could not be done, for the {@link DatabaseException}
     * @return how many rows it changed
     */
    public static int run(DataSource dataSource, String failure, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(failure, e);
        }
    }
}
