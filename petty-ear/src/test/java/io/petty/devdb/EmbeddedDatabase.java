package io.petty.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts a real PostgreSQL (zonky's binaries from Maven Central) and returns once it accepts connections,
 * with a database {@code petty} owned by {@code postgres}. Run inside the Maven JVM by exec:java: the
 * server is stopped by a shutdown hook when Maven exits, after Liberty has been stopped.
 *
 * <pre>
 * --port=N         port on localhost
 * --data-dir=DIR   where the cluster lives
 * --fresh          delete DIR first (tests)
 * --durable        fsync and synchronous commit on (the run command: what was acknowledged survives a crash)
 * </pre>
 */
public final class EmbeddedDatabase {

    public static final String DATABASE = "petty";

    private EmbeddedDatabase() {
    }

    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        int port = 0;
        Path dataDir = null;
        boolean fresh = false;
        boolean durable = false;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length())).toAbsolutePath();
            } else if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("--durable")) {
                durable = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (port <= 0 || dataDir == null) {
            throw new IllegalArgumentException("usage: --port=N --data-dir=DIR [--fresh] [--durable]");
        }
        start(port, dataDir, fresh, durable);
    }

    static EmbeddedPostgres start(int port, Path dataDir, boolean fresh, boolean durable)
            throws IOException, SQLException, InterruptedException {
        stopLeftover(dataDir);
        if (fresh) {
            deleteRecursively(dataDir);
        }
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()));
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        EmbeddedPostgres postgres = builder.start();
        createDatabase(postgres);
        System.out.printf("Embedded PostgreSQL %s on localhost:%d, data in %s, log in %s%n",
                durable ? "(durable)" : "(fsync off, for tests)", port, dataDir, log);
        return postgres;
    }

    private static void createDatabase(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    /**
     * A PostgreSQL left running by a Maven that was killed holds the data directory; stop it (SIGTERM is a
     * clean "smart" shutdown) so that this run can start its own.
     */
    private static void stopLeftover(Path dataDir) throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            long pid = Long.parseLong(lines.findFirst().orElse("0").trim());
            var leftover = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            if (leftover.isPresent()) {
                System.out.println("Stopping a PostgreSQL left running on " + dataDir + " (pid " + pid + ")");
                leftover.get().destroy();
                for (int i = 0; i < 300 && leftover.get().isAlive(); i++) {
                    Thread.sleep(100);
                }
            }
        }
    }

    /** Deletes a directory tree, if there is one. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
