package it.io.petty;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Direct access to the server's database, for checking what was really stored.
 */
public final class TestDatabase {

    private static final String URL = System.getProperty("petty.test.db.url");
    private static final String USER = System.getProperty("petty.test.db.user");
    private static final String PASSWORD = System.getProperty("petty.test.db.password", "");

    private TestDatabase() {
    }

    /** The JDBC URL and user the server uses, for tools given them as options (the password is empty or in the environment). */
    public static String url() {
        return URL;
    }

    public static String user() {
        return USER;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    public static DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(URL);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /** Runs one statement of test setup (the SQL is the test's own, never built from input). */
    public static void execute(String sql) {
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single number a {@code SELECT count(*)} of the test's own answers. */
    public static long count(String sql) {
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row a query of the test's own answers, its columns as text joined by {@code " | "}, in the query's order. */
    public static List<String> rows(String sql) {
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                StringJoiner line = new StringJoiner(" | ");
                for (int column = 1; column <= columns; column++) {
                    line.add(String.valueOf(row.getString(column)));
                }
                rows.add(line.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A serial that is well-formed but certainly not registered. */
    public static String unregisteredSerial() {
        return "ZZ-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    public static long countReadings(String collarId) {
        try (Connection db = connect();
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM reading WHERE collar_id = ?")) {
            count.setString(1, collarId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The partition a stored reading landed in, e.g. {@code reading_20261125}. */
    public static String partitionOf(String collarId, String timestamp) {
        try (Connection db = connect();
             PreparedStatement query = db.prepareStatement(
                     "SELECT tableoid::regclass::text FROM reading WHERE collar_id = ? AND ts = ?::timestamptz")) {
            query.setString(1, collarId);
            query.setString(2, timestamp);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
