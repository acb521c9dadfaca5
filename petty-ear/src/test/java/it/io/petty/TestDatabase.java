package it.io.petty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Direct access to the server's database, for fixtures (registering a collar until the identity issue
 * brings an API for it) and for checking what was really stored.
 */
public final class TestDatabase {

    private static final String URL = System.getProperty("petty.test.db.url");
    private static final String USER = System.getProperty("petty.test.db.user");
    private static final String PASSWORD = System.getProperty("petty.test.db.password", "");

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** Creates an owner, a dog and a collar with a fresh serial; returns the serial. */
    public static String registerCollar() {
        UUID owner = UUID.randomUUID();
        UUID pet = UUID.randomUUID();
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement account = db.prepareStatement("INSERT INTO account (id, role) VALUES (?, 'owner')");
                 PreparedStatement dog = db.prepareStatement(
                         "INSERT INTO pet (id, owner_id, name, species) VALUES (?, ?, 'Test dog', 'dog')");
                 PreparedStatement collar = db.prepareStatement(
                         "INSERT INTO collar (id, pet_id, paired_at) VALUES (?, ?, now()) ON CONFLICT DO NOTHING")) {
                account.setObject(1, owner);
                account.executeUpdate();
                dog.setObject(1, pet);
                dog.setObject(2, owner);
                dog.executeUpdate();
                while (true) {
                    String serial = "IT-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
                    collar.setString(1, serial);
                    collar.setObject(2, pet);
                    if (collar.executeUpdate() == 1) {
                        db.commit();
                        return serial;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not register a test collar", e);
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
