package io.petty.cli;

import io.petty.domain.platform.SchemaMigrations;
import picocli.CommandLine.Command;

/** {@code petty db migrate|status}: the schema, for deployments that migrate outside server start. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Inspect and migrate the database schema.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Status.class})
public class DbCommand {

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply pending schema migrations. Safe to run again: applies only what is missing.")
    static class Migrate extends DatabaseCommand {
        @Override
        public Integer call() {
            SchemaMigrations migrations = new SchemaMigrations(database.dataSource());
            int applied = migrations.migrate();
            out().printf("Applied %d migration(s); schema at version %s.%n", applied, migrations.currentVersion());
            return ExitCode.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the schema version; exit 1 when migrations are pending.")
    static class Status extends DatabaseCommand {
        @Override
        public Integer call() {
            SchemaMigrations migrations = new SchemaMigrations(database.dataSource());
            int pending = migrations.pending();
            out().printf("Schema at version %s; %d migration(s) pending.%n", migrations.currentVersion(), pending);
            return pending == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
    }
}
