package io.petty.domain.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests that need one without a server: started once per test JVM, stopped when
 * the JVM exits, with a fresh empty database for every caller.
 */
public final class TestPostgres {

    public static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestPostgres() {
    }

    /** A new, empty database, as a data source. */
    public static DataSource freshDatabase() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(freshDatabaseUrl());
        dataSource.setUser(USER);
        return dataSource;
    }

    /** A new, empty database, as a JDBC URL for user {@value #USER} without a password. */
    public static synchronized String freshDatabaseUrl() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection admin = server().getPostgresDatabase().getConnection();
             Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database", e);
        }
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }
        return postgres;
    }
}
