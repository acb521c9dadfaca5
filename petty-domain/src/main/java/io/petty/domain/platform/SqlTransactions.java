package io.petty.domain.platform;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A few statements that commit together on one connection, in a local transaction of their own: for the work done
 * outside JTA (the CLI shares it, and some of the server's work must not join the caller's transaction).
 */
public final class SqlTransactions {

    /** What runs in the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private SqlTransactions() {
    }

    /**
     * Commits what the work did, or rolls it back when it throws.
     *
     * @param failure what could not be done, for the {@link DatabaseException}
     */
    public static <T> T run(DataSource dataSource, String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(failure, e);
        }
    }
}
