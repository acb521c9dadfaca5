package io.petty.domain.platform;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * The schema, owned by the versioned SQL scripts in {@code db/migration}. Container-free so that the
 * server (at start) and the CLI ({@code petty db migrate}) apply exactly the same scripts.
 */
public class SchemaMigrations {

    /**
     * Holds an empty {@code flyway.location} marker: Liberty's class loaders list a folder only through a file
     * in it. Flyway also always probes {@code db/callback}, which holds nothing but such a marker, so that the
     * probe does not log an error at every start.
     */
    private static final String LOCATION = "classpath:db/migration";

    private final Flyway flyway;

    public SchemaMigrations(DataSource dataSource) {
        this.flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                // An unreadable location must fail the start, never pass as "no migrations to apply".
                .failOnMissingLocations(true)
                // Two instances starting together must not both migrate: Flyway locks the history table.
                .lockRetryCount(60)
                .load();
    }

    /** Applies what is pending; running it again changes nothing. @return how many scripts were applied */
    public int migrate() {
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /** @return how many scripts the database has not applied yet */
    public int pending() {
        return flyway.info().pending().length;
    }

    /** @return the version the database is at, or "none" on an empty database */
    public String currentVersion() {
        var current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }
}
