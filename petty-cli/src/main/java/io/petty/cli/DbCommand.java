package io.petty.cli;

import io.petty.domain.platform.SchemaMigrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code petty db migrate|status}: the schema, for deployments that migrate outside server start. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Inspect and migrate the database schema.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Status.class})
public class DbCommand {

    /** What every {@code db} subcommand shares: where the database is, and where to print. */
    abstract static class SchemaCommand implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Spec
        CommandSpec spec;

        SchemaMigrations migrations() {
            return new SchemaMigrations(database.dataSource());
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply pending schema migrations. Safe to run again: applies only what is missing.")
    static class Migrate extends SchemaCommand {
        @Override
        public Integer call() {
            SchemaMigrations migrations = migrations();
            int applied = migrations.migrate();
            out().printf("Applied %d migration(s); schema at version %s.%n", applied, migrations.currentVersion());
            return ExitCode.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the schema version; exit 1 when migrations are pending.")
    static class Status extends SchemaCommand {
        @Override
        public Integer call() {
            SchemaMigrations migrations = migrations();
            int pending = migrations.pending();
            out().printf("Schema at version %s; %d migration(s) pending.%n", migrations.currentVersion(), pending);
            return pending == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
    }
}
