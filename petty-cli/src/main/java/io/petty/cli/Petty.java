package io.petty.cli;

import io.petty.cli.load.LoadCommand;
import io.petty.cli.model.ModelCommand;
import io.petty.cli.server.EraseCommand;
import io.petty.cli.server.ExportCommand;
import io.petty.cli.server.JobsCommand;
import io.petty.cli.server.ReanalyseCommand;
import io.petty.cli.server.ServerApi;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code petty} command: operations on a Petty deployment. */
@Command(name = "petty", mixinStandardHelpOptions = true, versionProvider = Petty.Version.class,
        description = "Operate a Petty deployment.",
        subcommands = {DbCommand.class, AccountsCommand.class, CollarsCommand.class, RotateKeysCommand.class,
                AuditCommand.class, DeadLettersCommand.class, ExportCommand.class, EraseCommand.class,
                ReanalyseCommand.class, JobsCommand.class, LoadCommand.class, ModelCommand.class,
                CommandLine.HelpCommand.class})
public final class Petty {

    public static void main(String[] args) {
        // UTF-8 whatever the platform's default: JSON output is UTF-8 (RFC 8259), and so are the terminals it meets.
        System.exit(commandLine(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)).execute(args));
    }

    /** The one place a command line is built, so tests run exactly what users run, with captured streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Petty());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // A request the server refused (4xx) is the user's to fix, as a wrong command line is; anything else is an
        // unavailable dependency.
        commandLine.setExitCodeExceptionMapper(failure -> failure instanceof CommandLine.ParameterException
                || failure instanceof ServerApi.Refused ? ExitCode.USAGE : ExitCode.UNAVAILABLE);
        commandLine.setExecutionExceptionHandler((failure, cmd, parseResult) -> {
            cmd.getErr().println("petty: " + failure.getMessage());
            return cmd.getExitCodeExceptionMapper().getExitCode(failure);
        });
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Petty.class.getPackage().getImplementationVersion();
            return new String[] {"petty " + (version == null ? "development build" : version)};
        }
    }
}
