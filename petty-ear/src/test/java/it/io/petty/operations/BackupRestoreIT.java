package it.io.petty.operations;

import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The backup and restore of docs/operations.md, on the running system: {@code pg_dump --format=custom} of the live
 * database while a collar keeps sending readings, {@code pg_restore} into a new database, and the copy holds every
 * table, partition and migration of the original and everything acknowledged before the dump. Needs a PostgreSQL
 * client at least as new as the server ({@code PETTY_PG_BIN}, which {@code .ci/run} provides, or the PATH's);
 * skipped without one.
 */
class BackupRestoreIT {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");
    /** Every table of Petty's schemas, partitions and Jakarta Batch's job repository included. */
    private static final String TABLES = "SELECT table_schema || '.' || table_name FROM information_schema.tables"
            + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1";
    private static final String MIGRATIONS = "SELECT version || ' ' || checksum FROM flyway_schema_history"
            + " WHERE success ORDER BY installed_rank";

    @Test
    void aDumpOfTheRunningSystemRestoresEverythingAcknowledgedBeforeIt() throws Exception {
        Path bin = clientDirectory();
        assumeTrue(bin != null, "no pg_dump at least as new as the server: set PETTY_PG_BIN (.ci/run does)");
        Matcher url = JDBC_URL.matcher(TestDatabase.url());
        assumeTrue(url.matches(), "a database URL libpq can be given: " + TestDatabase.url());
        assumeTrue(TestDatabase.count("SELECT count(*) FROM pg_roles WHERE rolname = current_user"
                + " AND (rolcreatedb OR rolsuper)") == 1, "the test's database user may not create the copy");

        Fleet.Collar before = Fleet.newCollar();
        Instant start = recent().minusSeconds(600);
        int acknowledged = 20;
        for (int second = 0; second < acknowledged; second++) {
            assertEquals(201, postJson("/v1/ingest", reading(before.id(), start.plusSeconds(second)),
                    before.deviceToken()).statusCode());
        }

        String copy = "petty_restored_" + Long.toHexString(System.nanoTime());
        Path dump = Files.createTempFile("petty-", ".dump");
        Fleet.Collar during = Fleet.newCollar();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<?> load = sender.submit(() -> {
                for (int second = 0; sending.get(); second++) {
                    postJson("/v1/ingest", reading(during.id(), start.plusSeconds(second)), during.deviceToken());
                }
                return null;
            });
            run(bin.resolve("pg_dump").toString(), "--format=custom", "--file=" + dump,
                    "--dbname=" + libpq(url, url.group(3)));
            sending.set(false);
            load.get(30, TimeUnit.SECONDS);

            TestDatabase.execute("CREATE DATABASE " + copy);
            String restore = run(bin.resolve("pg_restore").toString(), "--no-owner", "--dbname=" + libpq(url, copy),
                    dump.toString());
            // A client of a newer major version sets its own new parameters, which an older server does not know
            // (17 on 16: transaction_timeout); pg_restore goes on and reports them. Nothing else may fail.
            List<String> errors = restore.lines().filter(line -> line.contains("error:")).toList();
            assertTrue(errors.stream().allMatch(error -> error.contains("unrecognized configuration parameter")),
                    restore);

            try (Connection restored = DriverManager.getConnection(
                    TestDatabase.url().replace("/" + url.group(3), "/" + copy), TestDatabase.user(),
                    System.getProperty("petty.test.db.password", ""))) {
                assertEquals(TestDatabase.rows(TABLES), rows(restored, TABLES), "the tables");
                assertEquals(TestDatabase.rows(MIGRATIONS), rows(restored, MIGRATIONS), "the migrations");
                assertEquals(List.of(Integer.toString(acknowledged)), rows(restored,
                        "SELECT count(*) FROM reading WHERE collar_id = '" + before.id() + "'"),
                        "the readings acknowledged before the dump");
                assertEquals(List.of(before.owner().id().toString()), rows(restored,
                        "SELECT id FROM account WHERE id = '" + before.owner().id() + "'"), "the owner");
            }
        } finally {
            sending.set(false);
            sender.shutdownNow();
            TestDatabase.execute("DROP DATABASE IF EXISTS " + copy);
            Files.deleteIfExists(dump);
        }
    }

    /** {@code PETTY_PG_BIN}, else the directory of the PATH's pg_dump, if its major version is the server's or later. */
    private static Path clientDirectory() throws IOException, InterruptedException {
        String configured = System.getenv("PETTY_PG_BIN");
        Path pgDump = configured != null && !configured.isBlank() ? Path.of(configured, "pg_dump") : onPath();
        if (pgDump == null || !Files.isExecutable(pgDump)) {
            return null;
        }
        Process version = new ProcessBuilder(pgDump.toString(), "--version").redirectErrorStream(true).start();
        String said = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher major = Pattern.compile("\\) (\\d+)").matcher(said);
        long server = TestDatabase.count("SELECT current_setting('server_version_num')::int / 10000");
        return version.waitFor() == 0 && major.find() && Integer.parseInt(major.group(1)) >= server
                ? pgDump.getParent() : null;
    }

    private static Path onPath() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(directory, "pg_dump");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** A libpq connection URI for the test's database server, the password (if any) left to PGPASSWORD. */
    private static String libpq(Matcher url, String database) {
        return "postgresql://" + TestDatabase.user() + "@" + url.group(1)
                + (url.group(2) == null ? "" : ":" + url.group(2)) + "/" + database;
    }

    /** Runs a PostgreSQL tool and returns what it wrote; pg_restore may exit 1 (errors it went past: the caller checks). */
    private static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", System.getProperty("petty.test.db.password", ""));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command[0] + " did not finish");
        boolean restore = command[0].endsWith("pg_restore");
        assertTrue(process.exitValue() == 0 || restore && process.exitValue() == 1,
                String.join(" ", command) + ":\n" + output);
        return output;
    }

    private static List<String> rows(Connection db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }
}
