package it.io.petty.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Freezes and thaws the embedded PostgreSQL as a hung host would; stops and starts it as an operator would, with its
 * own pg_ctl and the options it was started with (from {@code postmaster.opts}). The Maven JVM that started it keeps
 * its lock and still stops it when the build ends.
 */
final class PostgresControl {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final Path dataDir;
    private final Path pgCtl;
    private final List<String> options;

    PostgresControl(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        String opts = Files.readString(dataDir.resolve("postmaster.opts")).trim();
        Path postgres = Path.of(opts.substring(0, opts.indexOf(' ')));
        this.pgCtl = postgres.resolveSibling("pg_ctl");
        List<String> arguments = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(opts);
        while (quoted.find()) {
            arguments.add(quoted.group(1));
        }
        // Everything but the data directory, which pg_ctl passes itself.
        int dataDirFlag = arguments.indexOf("-D");
        arguments.remove(dataDirFlag + 1);
        arguments.remove(dataDirFlag);
        this.options = arguments;
    }

    /** Fast shutdown: clients are disconnected at once, as when the database host goes away. */
    void stop() throws IOException, InterruptedException {
        run(pgCtl.toString(), "stop", "-D", dataDir.toString(), "-m", "fast", "-w");
    }

    /**
     * SIGSTOP to the server and every backend: PostgreSQL stops answering with its connections open and its port
     * accepting, as a hung host does (not a refused connection).
     */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT to what {@link #freeze} stopped, and to what it started since. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
        List<String> kill = new ArrayList<>(List.of("kill", "-" + signal));
        Stream.concat(Stream.of(server), server.descendants())
                .forEach(process -> kill.add(Long.toString(process.pid())));
        Process process = new ProcessBuilder(kill).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", kill) + " failed");
        }
    }

    void start() throws IOException, InterruptedException {
        run(pgCtl.toString(), "start", "-D", dataDir.toString(), "-w", "-t", "60",
                "-l", dataDir.resolveSibling(dataDir.getFileName() + ".log").toString(),
                "-o", String.join(" ", options));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; like zonky, run it as an unprivileged user namespace's root.
            line.addAll(List.of("unshare", "-U"));
        }
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed");
        }
    }
}
