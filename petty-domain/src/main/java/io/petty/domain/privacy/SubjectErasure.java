package io.petty.domain.privacy;

import io.petty.domain.platform.DatabaseException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Removes everything about one data subject, table by table as {@link SubjectScopes} finds it, export archives
 * included, in one transaction, and checks that nothing is left. Collars are devices, not the subject's: they are unpaired (which forgets their
 * credential and latest reading), not deleted. Audit entries stay: they name the subject only by the account id,
 * which nothing links to a person once the account is gone.
 */
public final class SubjectErasure {

    /** Kept as evidence; pseudonymous once the account is gone. */
    public static final Set<String> KEPT = Set.of("audit_event");
    /** Unpaired rather than deleted. */
    public static final Set<String> UNPAIRED = Set.of("collar");

    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;

    public SubjectErasure(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Erases the subject; running it again finds nothing more (a restarted job simply runs it again).
     *
     * @param progress told of each table gone through, of all those the subject may have rows in
     * @return the rows removed (or collars unpaired) per table, in the order they went
     */
    public Map<String, Integer> erase(UUID subject, Consumer<Progress> progress) {
        for (int attempt = 1; ; attempt++) {
            try {
                return eraseOnce(subject, progress);
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !retryable(e)) {
                    throw new DatabaseException("could not erase subject " + subject, e);
                }
            }
        }
    }

    private Map<String, Integer> eraseOnce(UUID subject, Consumer<Progress> progress) throws SQLException {
        Map<String, Integer> removed = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // The behavior engine's cursors first, as its passes take them: a pass on these collars finishes
                // before, and the next one finds nothing to analyse (and skips them while locked). In collar order,
                // as a re-analysis takes them, so that the two never wait for each other in a circle.
                update(connection, SubjectScopes.SUBJECT + "SELECT 1 FROM analysis_cursor t WHERE "
                        + SubjectScopes.condition("analysis_cursor").orElseThrow() + " ORDER BY t.collar_id FOR UPDATE",
                        subject);
                // Children first, and the collars' rows before the pairing windows that find them.
                int tables = SubjectScopes.tables().size();
                int done = 0;
                progress.accept(new Progress(done, tables));
                for (String table : SubjectScopes.tables()) {
                    if (table.equals("export_request")) {
                        // The archives are large objects, which deleting their rows would leave behind.
                        update(connection, SubjectScopes.SUBJECT + "SELECT lo_unlink(t.archive) FROM export_request t"
                                + " WHERE t.archive IS NOT NULL AND (" + SubjectScopes.condition(table).orElseThrow()
                                + ")", subject);
                    }
                    if (!KEPT.contains(table)) {
                        removed.put(table, update(connection, statement(table), subject));
                    }
                    progress.accept(new Progress(++done, tables));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return removed;
    }

    /** A deadlock or serialization failure with concurrent ingest or analysis: the whole transaction again. */
    private static boolean retryable(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    /** The subject's rows still held, per table, audit entries aside: empty after an erasure, or it failed. */
    public Map<String, Long> remaining(UUID subject) {
        Map<String, Long> left = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : SubjectScopes.tables()) {
                if (KEPT.contains(table)) {
                    continue;
                }
                try (PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM (" + SubjectScopes.select(table) + ") x")) {
                    count.setObject(1, subject);
                    try (ResultSet row = count.executeQuery()) {
                        row.next();
                        if (row.getLong(1) > 0) {
                            left.put(table, row.getLong(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not check the erasure of subject " + subject, e);
        }
        return left;
    }

    private static String statement(String table) {
        String condition = SubjectScopes.condition(table).orElseThrow();
        return UNPAIRED.contains(table)
                ? SubjectScopes.SUBJECT + "UPDATE " + table + " t SET pet_id = NULL WHERE " + condition
                : SubjectScopes.SUBJECT + "DELETE FROM " + table + " t WHERE " + condition;
    }

    private static int update(Connection connection, String sql, UUID subject) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, subject);
            if (statement.execute()) {
                return 0; // a SELECT of lo_unlink: its effect is the point
            }
            return statement.getUpdateCount();
        }
    }
}
